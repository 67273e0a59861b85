-- Generated from the EF Core model with Database.GenerateCreateScript(); edit only by adding a new script.
CREATE TABLE "accounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_accounts" PRIMARY KEY,
    "Domain" TEXT NOT NULL,
    "PanelAccess" INTEGER NOT NULL,
    "MailboxAccess" INTEGER NOT NULL,
    "Disabled" INTEGER NOT NULL,
    "MustChangePassword" INTEGER NOT NULL,
    "PreferredLanguage" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PasswordChangedAt" INTEGER NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "domains" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_domains" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "account_claims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_account_claims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_account_claims_accounts_UserId" FOREIGN KEY ("UserId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "account_logins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_account_logins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_account_logins_accounts_UserId" FOREIGN KEY ("UserId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "account_tokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_account_tokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_account_tokens_accounts_UserId" FOREIGN KEY ("UserId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "role_assignments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_role_assignments" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Domain" TEXT NULL,
    CONSTRAINT "FK_role_assignments_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_account_claims_UserId" ON "account_claims" ("UserId");

CREATE INDEX "IX_account_logins_UserId" ON "account_logins" ("UserId");

CREATE INDEX "EmailIndex" ON "accounts" ("NormalizedEmail");

CREATE INDEX "IX_accounts_Domain" ON "accounts" ("Domain");

CREATE UNIQUE INDEX "UserNameIndex" ON "accounts" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_role_assignments_AccountId_Role_Domain" ON "role_assignments" ("AccountId", "Role", "Domain");
