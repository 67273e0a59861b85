-- Issue 14: the audit chain becomes an HMAC-SHA256 chain keyed outside the database (docs/audit.md). One row says
-- from which sequence number on events are keyed ("KeyedFrom": the head + 1 when the store is upgraded, 1 for a new
-- store) with "Tag", an HMAC under the same key, so the boundary cannot be moved without the key. SchemaMigrator
-- inserts the row right after this script, in the same transaction. Events before it keep their SHA-256 links.
CREATE TABLE audit_chain_keying (
    "KeyedFrom" bigint NOT NULL,
    "Tag" bytea NOT NULL
);

CREATE FUNCTION audit_chain_keying_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_chain_keying is written once: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_chain_keying_written_once BEFORE UPDATE OR DELETE ON audit_chain_keying
    FOR EACH ROW EXECUTE FUNCTION audit_chain_keying_written_once();

CREATE TRIGGER audit_chain_keying_no_truncate BEFORE TRUNCATE ON audit_chain_keying
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_keying_written_once();
