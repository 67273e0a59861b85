-- Personal API tokens (Authorization: Bearer lk_…): only the SHA-256 of the token is stored.
CREATE TABLE "api_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_api_tokens" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" BLOB NOT NULL,
    "Scopes" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedReason" TEXT NULL,
    CONSTRAINT "FK_api_tokens_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "accounts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_api_tokens_TokenHash" ON "api_tokens" ("TokenHash");

CREATE INDEX "IX_api_tokens_AccountId" ON "api_tokens" ("AccountId");
