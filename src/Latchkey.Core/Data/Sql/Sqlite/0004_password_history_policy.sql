-- Password history for the reuse rule, and a per-domain password policy (JSON; NULL = the global policy).
CREATE TABLE "password_history" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_password_history" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_password_history_AccountId_CreatedAt" ON "password_history" ("AccountId", "CreatedAt");

ALTER TABLE "domains" ADD "PasswordPolicy" TEXT NULL;
