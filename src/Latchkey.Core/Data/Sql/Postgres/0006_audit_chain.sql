-- The audit log becomes a hash chain (docs/audit.md): each event gets its place ("Sequence", 1, 2, 3 … without
-- gaps) and "Hash", SHA-256 over the previous event's hash and its own fields. Events written before this version
-- are chained in id order by SchemaMigrator right after this script, in the same transaction.
ALTER TABLE audit_events ADD "Sequence" bigint;
ALTER TABLE audit_events ADD "Hash" bytea;

CREATE UNIQUE INDEX "IX_audit_events_Sequence" ON audit_events ("Sequence");

CREATE INDEX "IX_audit_events_ActorId" ON audit_events ("ActorId");

-- Append-only: an event is inserted chained and then never updated, deleted or truncated. The one update let
-- through is the chaining of an event that has no hash yet, which only the step above does.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW."Sequence" IS NULL OR NEW."Hash" IS NULL THEN
            RAISE EXCEPTION 'audit_events: an event is inserted with its Sequence and Hash';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD."Hash" IS NULL THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
