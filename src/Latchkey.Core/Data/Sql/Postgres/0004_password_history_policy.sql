-- Password history for the reuse rule, and a per-domain password policy (JSON; NULL = the global policy).
CREATE TABLE password_history (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "PasswordHash" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_password_history" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_password_history_AccountId_CreatedAt" ON password_history ("AccountId", "CreatedAt");

ALTER TABLE domains ADD "PasswordPolicy" character varying(4000);
