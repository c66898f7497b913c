// Constraints and indexes of the Neo4j store, applied by Neo4jStore.init().
// Several statements, each ending with ";" at the end of a line: schema commands cannot share a
// transaction, so the loader splits this file and init() runs each statement on its own.
// params: none
CREATE CONSTRAINT enterprise_id IF NOT EXISTS
FOR (e:Enterprise) REQUIRE e.id IS UNIQUE;

CREATE CONSTRAINT status_report_seq IF NOT EXISTS
FOR (r:StatusReport) REQUIRE r.seq IS UNIQUE;

CREATE CONSTRAINT counter_name IF NOT EXISTS
FOR (c:Counter) REQUIRE c.name IS UNIQUE;

// Idempotent import asks "is this report already stored?" by its key.
CREATE INDEX status_report_key IF NOT EXISTS
FOR (r:StatusReport) ON (r.key);

// Status history and statuses on a date: one enterprise's reports, by date.
CREATE INDEX status_report_history IF NOT EXISTS
FOR (r:StatusReport) ON (r.enterprise, r.asOf);
