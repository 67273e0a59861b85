-- The audit log becomes a hash chain (docs/audit.md): each event gets its place ("Sequence", 1, 2, 3 … without
-- gaps) and "Hash", SHA-256 over the previous event's hash and its own fields. Events written before this version
-- are chained in id order by SchemaMigrator right after this script, in the same transaction.
ALTER TABLE "audit_events" ADD "Sequence" INTEGER NULL;

ALTER TABLE "audit_events" ADD "Hash" BLOB NULL;

CREATE UNIQUE INDEX "IX_audit_events_Sequence" ON "audit_events" ("Sequence");

CREATE INDEX "IX_audit_events_ActorId" ON "audit_events" ("ActorId");

-- Append-only: an event is inserted chained and then never updated or deleted. The one update let through is the
-- chaining of an event that has no hash yet, which only the step above does. (A DELETE without WHERE is not
-- optimised into a truncate while a delete trigger exists, so it is refused too.)
CREATE TRIGGER "audit_events_insert_chained" BEFORE INSERT ON "audit_events"
WHEN NEW."Sequence" IS NULL OR NEW."Hash" IS NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_events: an event is inserted with its Sequence and Hash');
END;

CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
WHEN OLD."Hash" IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused');
END;

CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
END;
