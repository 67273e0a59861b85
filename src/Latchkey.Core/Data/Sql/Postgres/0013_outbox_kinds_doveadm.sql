-- Languages helper (issue 12): the outbox carries more than e-mail (a kind per delivery: email, dovecot_kick, …),
-- and Latchkey keeps where Dovecot's doveadm HTTP API listens and the key it accepts, written by `dovecot config`.
ALTER TABLE outbox_messages ADD COLUMN "Kind" character varying(32) NOT NULL DEFAULT 'email';

ALTER TABLE dovecot_policy_secrets ADD COLUMN "DoveadmApiKey" character varying(128) NOT NULL DEFAULT '';

ALTER TABLE dovecot_policy_secrets ADD COLUMN "DoveadmUrl" character varying(256);
