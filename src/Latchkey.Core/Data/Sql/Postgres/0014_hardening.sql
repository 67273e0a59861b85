-- Issue 14: a sent message that carried a token (a reset link) keeps its subject, recipient and status, not its body.
ALTER TABLE "outbox_messages" ADD "CarriesSecret" boolean NOT NULL DEFAULT FALSE;

UPDATE "outbox_messages" SET "CarriesSecret" = TRUE WHERE "Subject" = 'Reset your password';

UPDATE "outbox_messages" SET "TextBody" = '', "HtmlBody" = '' WHERE "CarriesSecret" AND "SentAt" IS NOT NULL;
