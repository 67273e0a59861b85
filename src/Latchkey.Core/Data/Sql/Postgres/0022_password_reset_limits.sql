-- Issue 9: the forgot-password rate limit reads its own table, not the audit log. One row per account holds when
-- its last link was sent; a request takes the slot with one conditional upsert, so two at once cannot both pass.
CREATE TABLE password_reset_limits (
    "AccountId" uuid NOT NULL,
    "LastSentAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_password_reset_limits" PRIMARY KEY ("AccountId"),
    CONSTRAINT "FK_password_reset_limits_accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES accounts ("Id") ON DELETE CASCADE
);
