-- Generated from the EF Core model with Database.GenerateCreateScript(); edit only by adding a new script.
CREATE TABLE outbox_messages (
    "Id" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "To" character varying(320) NOT NULL,
    "Subject" character varying(256) NOT NULL,
    "TextBody" text NOT NULL,
    "HtmlBody" text NOT NULL,
    "MessageId" character varying(256) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "ClaimToken" uuid,
    "ClaimedUntil" timestamp with time zone,
    "SentAt" timestamp with time zone,
    "LastError" character varying(256),
    CONSTRAINT "PK_outbox_messages" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_outbox_messages_ClaimToken" ON outbox_messages ("ClaimToken") WHERE "ClaimToken" IS NOT NULL;

CREATE UNIQUE INDEX "IX_outbox_messages_MessageId" ON outbox_messages ("MessageId");

CREATE INDEX "IX_outbox_messages_NextAttemptAt" ON outbox_messages ("NextAttemptAt") WHERE "SentAt" IS NULL;

CREATE INDEX "IX_outbox_messages_SentAt" ON outbox_messages ("SentAt");
