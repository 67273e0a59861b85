-- Issues 9 and 15: "forgot password" requests are stored before the answer and worked on after it, so a node that
-- is killed between the two loses nothing (another node, or the same one restarted, takes the request over when
-- its claim runs out). Before, they waited in memory.
CREATE TABLE "pending_password_resets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_pending_password_resets" PRIMARY KEY,
    "Email" TEXT NOT NULL,
    "Ip" TEXT NOT NULL,
    "UserAgent" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "ClaimedUntil" INTEGER NULL,
    "Attempts" INTEGER NOT NULL
);

CREATE INDEX "IX_pending_password_resets_RequestedAt" ON "pending_password_resets" ("RequestedAt");
