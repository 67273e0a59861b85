-- Issue 14: the audit chain becomes an HMAC-SHA256 chain keyed outside the database (docs/audit.md). One row says
-- from which sequence number on events are keyed ("KeyedFrom": the head + 1 when the store is upgraded, 1 for a new
-- store) with "Tag", an HMAC under the same key, so the boundary cannot be moved without the key. SchemaMigrator
-- inserts the row right after this script, in the same transaction. Events before it keep their SHA-256 links.
CREATE TABLE "audit_chain_keying" (
    "KeyedFrom" INTEGER NOT NULL,
    "Tag" BLOB NOT NULL
);

CREATE TRIGGER "audit_chain_keying_no_update" BEFORE UPDATE ON "audit_chain_keying"
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_keying is written once: UPDATE refused');
END;

CREATE TRIGGER "audit_chain_keying_no_delete" BEFORE DELETE ON "audit_chain_keying"
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_keying is written once: DELETE refused');
END;
