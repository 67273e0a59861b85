-- Personal API tokens (Authorization: Bearer lk_…): only the SHA-256 of the token is stored.
CREATE TABLE api_tokens (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "Name" character varying(64) NOT NULL,
    "TokenHash" bytea NOT NULL,
    "Scopes" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "RevokedReason" character varying(64),
    CONSTRAINT "PK_api_tokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_api_tokens_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_api_tokens_TokenHash" ON api_tokens ("TokenHash");

CREATE INDEX "IX_api_tokens_AccountId" ON api_tokens ("AccountId");
