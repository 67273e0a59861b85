-- Issue 14: a sent message that carried a token (a reset link) keeps its subject, recipient and status, not its body.
ALTER TABLE "outbox_messages" ADD COLUMN "CarriesSecret" INTEGER NOT NULL DEFAULT 0;

UPDATE "outbox_messages" SET "CarriesSecret" = 1 WHERE "Subject" = 'Reset your password';

UPDATE "outbox_messages" SET "TextBody" = '', "HtmlBody" = '' WHERE "CarriesSecret" = 1 AND "SentAt" IS NOT NULL;
