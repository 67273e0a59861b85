-- OpenID Connect provider: OpenIddict's applications, authorizations, scopes and tokens (under Latchkey's names),
-- the provider's keys (protected with the Data Protection key ring) and the owed back-channel logout tokens.
CREATE TABLE "oidc_applications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_applications" PRIMARY KEY,
    "ApplicationType" TEXT NULL,
    "ClientId" TEXT NULL,
    "ClientSecret" TEXT NULL,
    "ClientType" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "ConsentType" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "JsonWebKeySet" TEXT NULL,
    "Permissions" TEXT NULL,
    "PostLogoutRedirectUris" TEXT NULL,
    "Properties" TEXT NULL,
    "RedirectUris" TEXT NULL,
    "Requirements" TEXT NULL,
    "Settings" TEXT NULL
);

CREATE TABLE "oidc_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_keys" PRIMARY KEY,
    "Use" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RotatesAt" INTEGER NOT NULL,
    "RetiresAt" INTEGER NOT NULL,
    "ProtectedKey" TEXT NOT NULL
);

CREATE TABLE "oidc_logout_deliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_logout_deliveries" PRIMARY KEY,
    "ClientId" TEXT NOT NULL,
    "Uri" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "ClaimToken" TEXT NULL,
    "ClaimedUntil" INTEGER NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "oidc_scopes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_scopes" PRIMARY KEY,
    "ConcurrencyToken" TEXT NULL,
    "Description" TEXT NULL,
    "Descriptions" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "Name" TEXT NULL,
    "Properties" TEXT NULL,
    "Resources" TEXT NULL
);

CREATE TABLE "oidc_authorizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_authorizations" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "Properties" TEXT NULL,
    "Scopes" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_oidc_authorizations_oidc_applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "oidc_applications" ("Id")
);

CREATE TABLE "oidc_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_oidc_tokens" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "AuthorizationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "ExpirationDate" TEXT NULL,
    "Payload" TEXT NULL,
    "Properties" TEXT NULL,
    "RedemptionDate" TEXT NULL,
    "ReferenceId" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_oidc_tokens_oidc_applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "oidc_applications" ("Id"),
    CONSTRAINT "FK_oidc_tokens_oidc_authorizations_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES "oidc_authorizations" ("Id")
);

CREATE UNIQUE INDEX "IX_oidc_applications_ClientId" ON "oidc_applications" ("ClientId");

CREATE INDEX "IX_oidc_authorizations_ApplicationId_Status_Subject_Type" ON "oidc_authorizations" ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_keys_Use_RotatesAt" ON "oidc_keys" ("Use", "RotatesAt");

CREATE INDEX "IX_oidc_logout_deliveries_SentAt_NextAttemptAt" ON "oidc_logout_deliveries" ("SentAt", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_oidc_scopes_Name" ON "oidc_scopes" ("Name");

CREATE INDEX "IX_oidc_tokens_ApplicationId_Status_Subject_Type" ON "oidc_tokens" ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_tokens_AuthorizationId" ON "oidc_tokens" ("AuthorizationId");

CREATE UNIQUE INDEX "IX_oidc_tokens_ReferenceId" ON "oidc_tokens" ("ReferenceId");
