-- Mailboxes imported with Dovecot's own hashes ({SHA512-CRYPT}, {BLF-CRYPT}) keep working over IMAP and SMTP
-- before their first web sign-in upgrades them to Argon2id: Dovecot verifies those schemes natively.
DROP VIEW dovecot_passdb;

CREATE VIEW dovecot_passdb AS
SELECT a."Email" AS username,
       p.protocol AS protocol,
       CASE WHEN a."PasswordHash" LIKE '{%' THEN a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$6$%' THEN '{SHA512-CRYPT}' || a."PasswordHash"
            WHEN a."PasswordHash" LIKE '$2%' THEN '{BLF-CRYPT}' || a."PasswordHash"
            ELSE '{ARGON2ID}' || a."PasswordHash" END AS password,
       CASE WHEN a."LockoutEnd" > now() THEN 'y' END AS nologin,
       CASE WHEN a."LockoutEnd" > now()
            THEN coalesce(l."Reason", 'Mailbox locked after repeated failed logins. Ask your administrator to unlock it.') END AS reason
FROM accounts a
CROSS JOIN (VALUES ('imap'), ('pop3'), ('submission'), ('doveadm')) AS p (protocol)
LEFT JOIN lockout_states l ON l."AccountId" = a."Id"
WHERE a."MailboxAccess" AND NOT a."Disabled"
  AND (a."PasswordHash" LIKE '$argon2id$%' OR a."PasswordHash" LIKE '{ARGON2ID}$argon2id$%'
       OR a."PasswordHash" LIKE '$6$%' OR a."PasswordHash" LIKE '{SHA512-CRYPT}$6$%'
       OR a."PasswordHash" LIKE '$2%' OR a."PasswordHash" LIKE '{BLF-CRYPT}$2%');
