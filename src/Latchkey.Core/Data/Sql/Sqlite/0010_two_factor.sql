-- Second factor (issue 11): TOTP authenticators, recovery codes, sign-in challenges and passkeys; the session's last
-- second-factor check (step-up); the domain's second-factor policy; and Dovecot's main-password view refusing the
-- main password of an account with a second factor when its domain wants app passwords for mail (the default).
ALTER TABLE "accounts" ADD COLUMN "TwoFactorSetupRequired" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "accounts" ADD COLUMN "TwoFactorGraceUsed" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "sessions" ADD COLUMN "SecondFactorAt" INTEGER NULL;

ALTER TABLE "domains" ADD COLUMN "TwoFactorRequirement" TEXT NOT NULL DEFAULT 'nobody';

ALTER TABLE "domains" ADD COLUMN "TwoFactorGraceSignIns" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "domains" ADD COLUMN "MailNeedsAppPassword" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "totp_authenticators" (
    "AccountId" TEXT NOT NULL CONSTRAINT "PK_totp_authenticators" PRIMARY KEY,
    "ProtectedSecret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ConfirmedAt" INTEGER NULL,
    "LastUsedStep" INTEGER NOT NULL,
    CONSTRAINT "FK_totp_authenticators_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "recovery_codes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_recovery_codes" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL,
    CONSTRAINT "FK_recovery_codes_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_recovery_codes_AccountId_Hash" ON "recovery_codes" ("AccountId", "Hash");

CREATE TABLE "two_factor_challenges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_two_factor_challenges" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "TokenHash" BLOB NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Failures" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL,
    "Ip" TEXT NOT NULL,
    "UserAgent" TEXT NOT NULL,
    CONSTRAINT "FK_two_factor_challenges_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_two_factor_challenges_TokenHash" ON "two_factor_challenges" ("TokenHash");

CREATE INDEX "IX_two_factor_challenges_ExpiresAt" ON "two_factor_challenges" ("ExpiresAt");

CREATE TABLE "passkeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_passkeys" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "CredentialId" BLOB NOT NULL,
    "PublicKey" BLOB NOT NULL,
    "UserHandle" BLOB NOT NULL,
    "SignCount" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    CONSTRAINT "FK_passkeys_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_passkeys_CredentialId" ON "passkeys" ("CredentialId");

CREATE INDEX "IX_passkeys_AccountId" ON "passkeys" ("AccountId");

-- As 0008, plus: an account with a second factor ("TwoFactorEnabled") in a domain that wants app passwords for mail
-- (no row, or "MailNeedsAppPassword" = 1) gets nologin with a reason for its main password. The app-password view
-- is unchanged, so app passwords keep working.
DROP VIEW "dovecot_passdb";

CREATE VIEW "dovecot_passdb" AS
SELECT a."Email" AS "username",
       p."protocol" AS "protocol",
       CASE WHEN a."PasswordHash" LIKE '{%' THEN a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$6$%' THEN '{SHA512-CRYPT}' || a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$2%' THEN '{BLF-CRYPT}' || a."PasswordHash"
            ELSE '{ARGON2ID}' || a."PasswordHash" END AS "password",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11) THEN 'y'
            WHEN a."TwoFactorEnabled" = 1 AND coalesce(d."MailNeedsAppPassword", 1) = 1 AND p."protocol" <> 'doveadm' THEN 'y' END AS "nologin",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11)
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.')
            WHEN a."TwoFactorEnabled" = 1 AND coalesce(d."MailNeedsAppPassword", 1) = 1 AND p."protocol" <> 'doveadm'
            THEN 'Two-step verification is on for this account: mail apps need an app password (create one on your Security page).' END AS "reason"
FROM "accounts" a
CROSS JOIN (SELECT 'imap' AS "protocol" UNION ALL SELECT 'pop3' UNION ALL SELECT 'submission' UNION ALL SELECT 'doveadm') p
LEFT JOIN "lockout_states" l ON l."AccountId" = a."Id"
LEFT JOIN "domains" d ON d."Name" = a."Domain"
WHERE a."MailboxAccess" = 1 AND a."Disabled" = 0
  AND (a."PasswordHash" LIKE '$argon2id$%' OR a."PasswordHash" LIKE '{ARGON2ID}$argon2id$%'
       OR a."PasswordHash" LIKE '$6$%' OR a."PasswordHash" LIKE '{SHA512-CRYPT}$6$%'
       OR a."PasswordHash" LIKE '$2%' OR a."PasswordHash" LIKE '{BLF-CRYPT}$2%');
