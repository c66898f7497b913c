// Constraints and indexes of the coordination tasks, applied by Neo4jTaskStore.init(), each
// statement on its own (split at ";" like schema.cypher).
// params: none
CREATE CONSTRAINT task_id IF NOT EXISTS
FOR (t:Task) REQUIRE t.id IS UNIQUE;

// One active task per supplier: activeSupplier holds the supplier only while the task is open,
// acknowledged or in progress, and is removed when it ends. Uniqueness constraints ignore nodes
// without the property, so ended tasks never collide; a second active one fails the write.
CREATE CONSTRAINT task_one_active_per_supplier IF NOT EXISTS
FOR (t:Task) REQUIRE t.activeSupplier IS UNIQUE;

// Task lists: by priority, then creation, then id; or one province's, or one supplier's.
CREATE INDEX task_by_priority IF NOT EXISTS
FOR (t:Task) ON (t.priority, t.createdAt, t.id);

CREATE INDEX task_by_province IF NOT EXISTS
FOR (t:Task) ON (t.assigneeProvince);

CREATE INDEX task_by_supplier IF NOT EXISTS
FOR (t:Task) ON (t.supplier);

// The outbox: events by id, which also orders and bounds eventsAfter.
CREATE CONSTRAINT task_event_id IF NOT EXISTS
FOR (e:TaskEvent) REQUIRE e.id IS UNIQUE;

// The task counters must exist once even when this store is initialised before the graph
// store: the same constraint as in schema.cypher, so whichever runs first creates it.
CREATE CONSTRAINT counter_name IF NOT EXISTS
FOR (c:Counter) REQUIRE c.name IS UNIQUE;
