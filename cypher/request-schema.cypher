// Constraints and indexes of the enterprise requests, applied by Neo4jRequestStore.init(), each
// statement on its own (split at ";" like schema.cypher).
// params: none
CREATE CONSTRAINT request_id IF NOT EXISTS
FOR (r:Request) REQUIRE r.id IS UNIQUE;

// Request lists: oldest first, or one province's, or one enterprise's.
CREATE INDEX request_by_created IF NOT EXISTS
FOR (r:Request) ON (r.createdAt, r.id);

CREATE INDEX request_by_province IF NOT EXISTS
FOR (r:Request) ON (r.assigneeProvince);

CREATE INDEX request_by_enterprise IF NOT EXISTS
FOR (r:Request) ON (r.enterprise);

// Reminders are appended once per key: "is there an event with this taskId?"
CREATE INDEX task_event_task_id IF NOT EXISTS
FOR (e:TaskEvent) ON (e.taskId);

// The request counter must exist once even when this store is initialised first: the same
// constraint as in schema.cypher, so whichever runs first creates it.
CREATE CONSTRAINT counter_name IF NOT EXISTS
FOR (c:Counter) REQUIRE c.name IS UNIQUE;
