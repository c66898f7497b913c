// Constraints and indexes of inventory reports (CONTRACT §7), applied by Neo4jStore.init(), each
// statement on its own (split at ";" like schema.cypher).
// params: none
CREATE CONSTRAINT inventory_report_seq IF NOT EXISTS
FOR (r:InventoryReport) REQUIRE r.seq IS UNIQUE;

// Idempotent import asks "is this inventory report already stored?" by its key.
CREATE INDEX inventory_report_key IF NOT EXISTS
FOR (r:InventoryReport) ON (r.key);

// Inventory history and the current report of a (customer, part): one customer's reports, by date.
CREATE INDEX inventory_report_history IF NOT EXISTS
FOR (r:InventoryReport) ON (r.customer, r.asOf);
