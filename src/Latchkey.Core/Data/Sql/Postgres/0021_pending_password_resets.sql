-- Issues 9 and 15: "forgot password" requests are stored before the answer and worked on after it, so a node that
-- is killed between the two loses nothing (another node, or the same one restarted, takes the request over when
-- its claim runs out). Before, they waited in memory.
CREATE TABLE pending_password_resets (
    "Id" uuid NOT NULL,
    "Email" character varying(256) NOT NULL,
    "Ip" character varying(64) NOT NULL,
    "UserAgent" character varying(512) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "ClaimedUntil" timestamp with time zone NULL,
    "Attempts" integer NOT NULL,
    CONSTRAINT "PK_pending_password_resets" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_pending_password_resets_RequestedAt" ON pending_password_resets ("RequestedAt");
