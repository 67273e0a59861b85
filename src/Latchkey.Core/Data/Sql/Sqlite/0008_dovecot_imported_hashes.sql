-- Mailboxes imported with Dovecot's own hashes ({SHA512-CRYPT}, {BLF-CRYPT}) keep working over IMAP and SMTP
-- before their first web sign-in upgrades them to Argon2id: Dovecot verifies those schemes natively.
DROP VIEW "dovecot_passdb";

CREATE VIEW "dovecot_passdb" AS
SELECT a."Email" AS "username",
       p."protocol" AS "protocol",
       CASE WHEN a."PasswordHash" LIKE '{%' THEN a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$6$%' THEN '{SHA512-CRYPT}' || a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$2%' THEN '{BLF-CRYPT}' || a."PasswordHash"
            ELSE '{ARGON2ID}' || a."PasswordHash" END AS "password",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11) THEN 'y' END AS "nologin",
       CASE WHEN a."LockoutEnd" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11)
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.') END AS "reason"
FROM "accounts" a
CROSS JOIN (SELECT 'imap' AS "protocol" UNION ALL SELECT 'pop3' UNION ALL SELECT 'submission' UNION ALL SELECT 'doveadm') p
LEFT JOIN "lockout_states" l ON l."AccountId" = a."Id"
WHERE a."MailboxAccess" = 1 AND a."Disabled" = 0
  AND (a."PasswordHash" LIKE '$argon2id$%' OR a."PasswordHash" LIKE '{ARGON2ID}$argon2id$%'
       OR a."PasswordHash" LIKE '$6$%' OR a."PasswordHash" LIKE '{SHA512-CRYPT}$6$%'
       OR a."PasswordHash" LIKE '$2%' OR a."PasswordHash" LIKE '{BLF-CRYPT}$2%');
