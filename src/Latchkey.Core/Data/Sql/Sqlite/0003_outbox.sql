-- Generated from the EF Core model with Database.GenerateCreateScript(); edit only by adding a new script.
CREATE TABLE "outbox_messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_outbox_messages" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "To" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "TextBody" TEXT NOT NULL,
    "HtmlBody" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "ClaimToken" TEXT NULL,
    "ClaimedUntil" INTEGER NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL
);

CREATE INDEX "IX_outbox_messages_ClaimToken" ON "outbox_messages" ("ClaimToken") WHERE "ClaimToken" IS NOT NULL;

CREATE UNIQUE INDEX "IX_outbox_messages_MessageId" ON "outbox_messages" ("MessageId");

CREATE INDEX "IX_outbox_messages_NextAttemptAt" ON "outbox_messages" ("NextAttemptAt") WHERE "SentAt" IS NULL;

CREATE INDEX "IX_outbox_messages_SentAt" ON "outbox_messages" ("SentAt");
