// Stores one batch of inventory reports (seq already assigned). Null fields are not stored.
// Returns how many reports were created.
// params: rows
UNWIND $rows AS row
CREATE (r:InventoryReport {
  seq: row.seq, customer: row.customer, part: row.part, days: row.days, asOf: row.asOf,
  note: row.note, reporter: row.reporter, receivedAt: row.receivedAt, key: row.key
})
RETURN count(r) AS created
