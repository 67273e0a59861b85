-- Generated from the EF Core model with Database.GenerateCreateScript(); edit only by adding a new script.
CREATE TABLE "audit_events" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_events" PRIMARY KEY AUTOINCREMENT,
    "OccurredAt" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorEmail" TEXT NULL,
    "TargetId" TEXT NULL,
    "TargetEmail" TEXT NULL,
    "Ip" TEXT NULL,
    "UserAgent" TEXT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sessions" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "TokenHash" BLOB NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedReason" TEXT NULL,
    "Ip" TEXT NOT NULL,
    "UserAgent" TEXT NOT NULL
);

CREATE INDEX "IX_audit_events_OccurredAt" ON "audit_events" ("OccurredAt");

CREATE INDEX "IX_audit_events_TargetId" ON "audit_events" ("TargetId");

CREATE INDEX "IX_sessions_AccountId" ON "sessions" ("AccountId");

CREATE UNIQUE INDEX "IX_sessions_TokenHash" ON "sessions" ("TokenHash");
