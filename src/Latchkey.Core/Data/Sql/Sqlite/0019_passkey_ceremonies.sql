-- Passkeys (issue 11): WebAuthn ceremonies in progress, so that any node can finish one another node began. The
-- options are keyed by the SHA-256 of their challenge, single-use ("UsedAt") and expire after 5 minutes.
CREATE TABLE "passkey_ceremonies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_passkey_ceremonies" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "ChallengeHash" BLOB NOT NULL,
    "AccountId" TEXT NULL,
    "TwoFactorChallengeId" TEXT NULL,
    "Options" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL,
    CONSTRAINT "FK_passkey_ceremonies_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_passkey_ceremonies_ChallengeHash" ON "passkey_ceremonies" ("ChallengeHash");

CREATE INDEX "IX_passkey_ceremonies_ExpiresAt" ON "passkey_ceremonies" ("ExpiresAt");

CREATE INDEX "IX_passkey_ceremonies_AccountId" ON "passkey_ceremonies" ("AccountId");
