// The change log's constraint, applied by Neo4jStore.init() (split at ";" like schema.cypher):
// one entry per revision, and the index that changesSince and pruning seek by revision.
// params: none
CREATE CONSTRAINT revision_change_revision IF NOT EXISTS
FOR (c:RevisionChange) REQUIRE c.revision IS UNIQUE;
