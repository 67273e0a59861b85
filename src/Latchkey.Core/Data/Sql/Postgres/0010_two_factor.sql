-- Second factor (issue 11): TOTP authenticators, recovery codes, sign-in challenges and passkeys; the session's last
-- second-factor check (step-up); the domain's second-factor policy; and Dovecot's main-password view refusing the
-- main password of an account with a second factor when its domain wants app passwords for mail (the default).
ALTER TABLE accounts ADD COLUMN "TwoFactorSetupRequired" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE accounts ADD COLUMN "TwoFactorGraceUsed" integer NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN "SecondFactorAt" timestamp with time zone;

ALTER TABLE domains ADD COLUMN "TwoFactorRequirement" character varying(16) NOT NULL DEFAULT 'nobody';

ALTER TABLE domains ADD COLUMN "TwoFactorGraceSignIns" integer NOT NULL DEFAULT 0;

ALTER TABLE domains ADD COLUMN "MailNeedsAppPassword" boolean NOT NULL DEFAULT TRUE;

CREATE TABLE totp_authenticators (
    "AccountId" uuid NOT NULL,
    "ProtectedSecret" character varying(1000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConfirmedAt" timestamp with time zone,
    "LastUsedStep" bigint NOT NULL,
    CONSTRAINT "PK_totp_authenticators" PRIMARY KEY ("AccountId"),
    CONSTRAINT "FK_totp_authenticators_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE TABLE recovery_codes (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_recovery_codes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_recovery_codes_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_recovery_codes_AccountId_Hash" ON recovery_codes ("AccountId", "Hash");

CREATE TABLE two_factor_challenges (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "TokenHash" bytea NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Failures" integer NOT NULL,
    "UsedAt" timestamp with time zone,
    "Ip" character varying(64) NOT NULL,
    "UserAgent" character varying(512) NOT NULL,
    CONSTRAINT "PK_two_factor_challenges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_two_factor_challenges_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_two_factor_challenges_TokenHash" ON two_factor_challenges ("TokenHash");

CREATE INDEX "IX_two_factor_challenges_ExpiresAt" ON two_factor_challenges ("ExpiresAt");

CREATE TABLE passkeys (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "CredentialId" bytea NOT NULL,
    "PublicKey" bytea NOT NULL,
    "UserHandle" bytea NOT NULL,
    "SignCount" bigint NOT NULL,
    "Name" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    CONSTRAINT "PK_passkeys" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_passkeys_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_passkeys_CredentialId" ON passkeys ("CredentialId");

CREATE INDEX "IX_passkeys_AccountId" ON passkeys ("AccountId");

-- As 0008, plus: an account with a second factor ("TwoFactorEnabled") in a domain that wants app passwords for mail
-- (no row, or "MailNeedsAppPassword") gets nologin with a reason for its main password. The app-password view is
-- unchanged, so app passwords keep working.
DROP VIEW dovecot_passdb;

CREATE VIEW dovecot_passdb AS
SELECT a."Email" AS username,
       p.protocol AS protocol,
       CASE WHEN a."PasswordHash" LIKE '{%' THEN a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$6$%' THEN '{SHA512-CRYPT}' || a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$2%' THEN '{BLF-CRYPT}' || a."PasswordHash"
            ELSE '{ARGON2ID}' || a."PasswordHash" END AS password,
       CASE WHEN a."LockoutEnd" > now() THEN 'y'
            WHEN a."TwoFactorEnabled" AND coalesce(d."MailNeedsAppPassword", TRUE) AND p.protocol <> 'doveadm' THEN 'y' END AS nologin,
       CASE WHEN a."LockoutEnd" > now()
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.')
            WHEN a."TwoFactorEnabled" AND coalesce(d."MailNeedsAppPassword", TRUE) AND p.protocol <> 'doveadm'
            THEN 'Two-step verification is on for this account: mail apps need an app password (create one on your Security page).' END AS reason
FROM accounts a
CROSS JOIN (VALUES ('imap'), ('pop3'), ('submission'), ('doveadm')) AS p (protocol)
LEFT JOIN lockout_states l ON l."AccountId" = a."Id"
LEFT JOIN domains d ON d."Name" = a."Domain"
WHERE a."MailboxAccess" AND NOT a."Disabled"
  AND (a."PasswordHash" LIKE '$argon2id$%' OR a."PasswordHash" LIKE '{ARGON2ID}$argon2id$%'
       OR a."PasswordHash" LIKE '$6$%' OR a."PasswordHash" LIKE '{SHA512-CRYPT}$6$%'
       OR a."PasswordHash" LIKE '$2%' OR a."PasswordHash" LIKE '{BLF-CRYPT}$2%');
