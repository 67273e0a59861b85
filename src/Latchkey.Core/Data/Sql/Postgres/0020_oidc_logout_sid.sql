-- Issue 13: a back-channel logout token names the Latchkey session (sid) the client's ID tokens came from.
ALTER TABLE oidc_logout_deliveries ADD COLUMN "SessionId" character varying(100);
