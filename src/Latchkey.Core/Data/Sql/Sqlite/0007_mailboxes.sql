-- Mailboxes on Dovecot: lockout counters, stale devices, app passwords, the policy secret, and the three views
-- Dovecot's SQL passdbs read (docs/dovecot.md). Times are EF Core's DateTimeOffset binary form: (UTC ticks / 1000)
-- shifted left by 11 bits, so "now" in the same form is ((unix seconds + 62135596800) * 10000) << 11.
CREATE TABLE "lockout_states" (
    "AccountId" TEXT NOT NULL CONSTRAINT "PK_lockout_states" PRIMARY KEY,
    "Level" INTEGER NOT NULL,
    "CountFrom" INTEGER NOT NULL,
    "LastFailureAt" INTEGER NULL,
    "LockedAt" INTEGER NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "FK_lockout_states_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "login_failures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_login_failures" PRIMARY KEY AUTOINCREMENT,
    "AccountId" TEXT NULL,
    "Login" TEXT NOT NULL,
    "Ip" TEXT NOT NULL,
    "Protocol" TEXT NOT NULL,
    "PwHash" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL
);

CREATE INDEX "IX_login_failures_AccountId_OccurredAt" ON "login_failures" ("AccountId", "OccurredAt");

CREATE INDEX "IX_login_failures_Ip_OccurredAt" ON "login_failures" ("Ip", "OccurredAt");

CREATE INDEX "IX_login_failures_OccurredAt" ON "login_failures" ("OccurredAt");

CREATE TABLE "stale_devices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_stale_devices" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Protocol" TEXT NOT NULL,
    "Ip" TEXT NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "FirstSeenAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    CONSTRAINT "FK_stale_devices_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_stale_devices_AccountId_Protocol_Ip_DeviceId" ON "stale_devices" ("AccountId", "Protocol", "Ip", "DeviceId");

CREATE TABLE "app_passwords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_app_passwords" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "LastUsedIp" TEXT NULL,
    "LastUsedProtocol" TEXT NULL,
    CONSTRAINT "FK_app_passwords_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_app_passwords_AccountId_Name" ON "app_passwords" ("AccountId", "Name");

CREATE UNIQUE INDEX "IX_app_passwords_Hash" ON "app_passwords" ("Hash");

CREATE TABLE "dovecot_policy_secrets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_dovecot_policy_secrets" PRIMARY KEY,
    "Nonce" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

-- Dovecot looks mailboxes up by address on every login.
CREATE INDEX "IX_accounts_Email" ON "accounts" ("Email");

-- The current password of every enabled mailbox, one row per protocol it may use. While the account is locked the
-- row carries nologin/reason: Dovecot then refuses even the right password and shows the reason. NULL columns are
-- ignored by Dovecot, so an unlocked row has none.
CREATE VIEW "dovecot_passdb" AS
SELECT a."Email" AS "username",
       p."protocol" AS "protocol",
       CASE WHEN a."PasswordHash" LIKE '{%' THEN a."PasswordHash" ELSE '{ARGON2ID}' || a."PasswordHash" END AS "password",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11) THEN 'y' END AS "nologin",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11)
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.') END AS "reason"
FROM "accounts" a
CROSS JOIN (SELECT 'imap' AS "protocol" UNION ALL SELECT 'pop3' UNION ALL SELECT 'submission' UNION ALL SELECT 'doveadm') p
LEFT JOIN "lockout_states" l ON l."AccountId" = a."Id"
WHERE a."MailboxAccess" = 1 AND a."Disabled" = 0
  AND (a."PasswordHash" LIKE '$argon2id$%' OR a."PasswordHash" LIKE '{ARGON2ID}$argon2id$%');

-- App passwords: random, so Dovecot compares their SHA-256 in the query (%{sha256:password}) instead of a slow
-- hash. Mail protocols only; the same lock applies.
CREATE VIEW "dovecot_passdb_app" AS
SELECT a."Email" AS "username",
       p."protocol" AS "protocol",
       ap."Hash" AS "app_hash",
       ap."Id" AS "app_password_id",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11) THEN 'y' END AS "nologin",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11)
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.') END AS "reason"
FROM "app_passwords" ap
JOIN "accounts" a ON a."Id" = ap."AccountId"
CROSS JOIN (SELECT 'imap' AS "protocol" UNION ALL SELECT 'pop3' UNION ALL SELECT 'submission') p
LEFT JOIN "lockout_states" l ON l."AccountId" = a."Id"
WHERE a."MailboxAccess" = 1 AND a."Disabled" = 0;

-- The previous password (the newest remembered hash that is not the current one): a login with it is refused with
-- a reason and marked stale_password=y, which reaches the policy report as a stale device.
CREATE VIEW "dovecot_passdb_previous" AS
SELECT "username", "protocol",
       CASE WHEN "previous_hash" LIKE '{%' THEN "previous_hash" ELSE '{ARGON2ID}' || "previous_hash" END AS "password",
       'y' AS "nologin",
       'This device still uses your previous password (changed ' || coalesce("changed", 'recently')
         || '). Enter the new password in its account settings.' AS "reason",
       'y' AS "stale_password"
FROM (
    SELECT a."Email" AS "username",
           p."protocol" AS "protocol",
           date((a."PasswordChangedAt" >> 11) / 10000 - 62135596800, 'unixepoch') AS "changed",
           (SELECT h."PasswordHash" FROM "password_history" h
            WHERE h."AccountId" = a."Id" AND h."PasswordHash" <> a."PasswordHash"
            ORDER BY h."CreatedAt" DESC LIMIT 1) AS "previous_hash"
    FROM "accounts" a
    CROSS JOIN (SELECT 'imap' AS "protocol" UNION ALL SELECT 'pop3' UNION ALL SELECT 'submission') p
    WHERE a."MailboxAccess" = 1 AND a."Disabled" = 0
) AS candidates
WHERE "previous_hash" LIKE '$argon2id$%' OR "previous_hash" LIKE '{ARGON2ID}$argon2id$%';
