-- OpenID Connect provider: OpenIddict's applications, authorizations, scopes and tokens (under Latchkey's names),
-- the provider's keys (protected with the Data Protection key ring) and the owed back-channel logout tokens.
CREATE TABLE oidc_applications (
    "Id" text NOT NULL,
    "ApplicationType" character varying(50),
    "ClientId" character varying(100),
    "ClientSecret" text,
    "ClientType" character varying(50),
    "ConcurrencyToken" character varying(50),
    "ConsentType" character varying(50),
    "DisplayName" text,
    "DisplayNames" text,
    "JsonWebKeySet" text,
    "Permissions" text,
    "PostLogoutRedirectUris" text,
    "Properties" text,
    "RedirectUris" text,
    "Requirements" text,
    "Settings" text,
    CONSTRAINT "PK_oidc_applications" PRIMARY KEY ("Id")
);

CREATE TABLE oidc_keys (
    "Id" uuid NOT NULL,
    "Use" character varying(8) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RotatesAt" timestamp with time zone NOT NULL,
    "RetiresAt" timestamp with time zone NOT NULL,
    "ProtectedKey" text NOT NULL,
    CONSTRAINT "PK_oidc_keys" PRIMARY KEY ("Id")
);

CREATE TABLE oidc_logout_deliveries (
    "Id" uuid NOT NULL,
    "ClientId" character varying(100) NOT NULL,
    "Uri" character varying(2000) NOT NULL,
    "Subject" character varying(100) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "ClaimToken" uuid,
    "ClaimedUntil" timestamp with time zone,
    "SentAt" timestamp with time zone,
    "LastError" character varying(256),
    CONSTRAINT "PK_oidc_logout_deliveries" PRIMARY KEY ("Id")
);

CREATE TABLE oidc_scopes (
    "Id" text NOT NULL,
    "ConcurrencyToken" character varying(50),
    "Description" text,
    "Descriptions" text,
    "DisplayName" text,
    "DisplayNames" text,
    "Name" character varying(200),
    "Properties" text,
    "Resources" text,
    CONSTRAINT "PK_oidc_scopes" PRIMARY KEY ("Id")
);

CREATE TABLE oidc_authorizations (
    "Id" text NOT NULL,
    "ApplicationId" text,
    "ConcurrencyToken" character varying(50),
    "CreationDate" timestamp with time zone,
    "Properties" text,
    "Scopes" text,
    "Status" character varying(50),
    "Subject" character varying(400),
    "Type" character varying(50),
    CONSTRAINT "PK_oidc_authorizations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_oidc_authorizations_oidc_applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES oidc_applications ("Id")
);

CREATE TABLE oidc_tokens (
    "Id" text NOT NULL,
    "ApplicationId" text,
    "AuthorizationId" text,
    "ConcurrencyToken" character varying(50),
    "CreationDate" timestamp with time zone,
    "ExpirationDate" timestamp with time zone,
    "Payload" text,
    "Properties" text,
    "RedemptionDate" timestamp with time zone,
    "ReferenceId" character varying(100),
    "Status" character varying(50),
    "Subject" character varying(400),
    "Type" character varying(150),
    CONSTRAINT "PK_oidc_tokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_oidc_tokens_oidc_applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES oidc_applications ("Id"),
    CONSTRAINT "FK_oidc_tokens_oidc_authorizations_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES oidc_authorizations ("Id")
);

CREATE UNIQUE INDEX "IX_oidc_applications_ClientId" ON oidc_applications ("ClientId");

CREATE INDEX "IX_oidc_authorizations_ApplicationId_Status_Subject_Type" ON oidc_authorizations ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_keys_Use_RotatesAt" ON oidc_keys ("Use", "RotatesAt");

CREATE INDEX "IX_oidc_logout_deliveries_SentAt_NextAttemptAt" ON oidc_logout_deliveries ("SentAt", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_oidc_scopes_Name" ON oidc_scopes ("Name");

CREATE INDEX "IX_oidc_tokens_ApplicationId_Status_Subject_Type" ON oidc_tokens ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_tokens_AuthorizationId" ON oidc_tokens ("AuthorizationId");

CREATE UNIQUE INDEX "IX_oidc_tokens_ReferenceId" ON oidc_tokens ("ReferenceId");
