-- Locks that spare the owner (docs/lockout.md). A failed login from a known source (a browser's device cookie, a
-- mail client address that logged in successfully) is marked with that source and never counts toward the
-- account's lock. Known mail client addresses are remembered; Dovecot's passdb queries let them through a lock.
ALTER TABLE "login_failures" ADD COLUMN "TrustedSource" TEXT NOT NULL DEFAULT '';

CREATE TABLE "known_mail_sources" (
    "AccountId" TEXT NOT NULL,
    "Ip" TEXT NOT NULL,
    "LastSuccessAt" INTEGER NOT NULL,
    "TrustedUntil" INTEGER NOT NULL,
    CONSTRAINT "PK_known_mail_sources" PRIMARY KEY ("AccountId", "Ip"),
    CONSTRAINT "FK_known_mail_sources_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_known_mail_sources_TrustedUntil" ON "known_mail_sources" ("TrustedUntil");

-- The addresses Dovecot lets through a lock, by mailbox (the passdb queries filter on username and %r).
CREATE VIEW "dovecot_known_sources" AS
SELECT a."Email" AS "username", k."Ip" AS "ip"
FROM "known_mail_sources" k
JOIN "accounts" a ON a."Id" = k."AccountId"
WHERE k."TrustedUntil" > (((CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 10000) << 11);
