// Constraints of the audit trail, applied by Neo4jAuditStore.init(), each statement on its own
// (split at ";" like schema.cypher). The seq constraint's index also serves paging, newest first.
// params: none
CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS
FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE;

// The 'audit_seq' counter must exist once even when the audit store is initialised before the
// graph store: the same constraint as in schema.cypher, so whichever runs first creates it.
CREATE CONSTRAINT counter_name IF NOT EXISTS
FOR (c:Counter) REQUIRE c.name IS UNIQUE;
