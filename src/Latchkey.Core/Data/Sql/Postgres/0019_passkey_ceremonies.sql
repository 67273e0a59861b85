-- Passkeys (issue 11): WebAuthn ceremonies in progress, so that any node can finish one another node began. The
-- options are keyed by the SHA-256 of their challenge, single-use ("UsedAt") and expire after 5 minutes.
CREATE TABLE passkey_ceremonies (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "ChallengeHash" bytea NOT NULL,
    "AccountId" uuid,
    "TwoFactorChallengeId" uuid,
    "Options" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_passkey_ceremonies" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_passkey_ceremonies_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_passkey_ceremonies_ChallengeHash" ON passkey_ceremonies ("ChallengeHash");

CREATE INDEX "IX_passkey_ceremonies_ExpiresAt" ON passkey_ceremonies ("ExpiresAt");

CREATE INDEX "IX_passkey_ceremonies_AccountId" ON passkey_ceremonies ("AccountId");
