// Stores one batch of status reports (seq already assigned) and attaches each to its
// enterprise. Null fields are not stored. Returns how many reports were created.
// params: rows
UNWIND $rows AS row
CREATE (r:StatusReport {
  seq: row.seq, enterprise: row.enterprise, status: row.status, capacityPct: row.capacityPct,
  asOf: row.asOf, note: row.note, reporter: row.reporter, receivedAt: row.receivedAt, key: row.key,
  expectedResumeOn: row.expectedResumeOn
})
WITH r
OPTIONAL MATCH (e:Enterprise {id: r.enterprise})
FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | CREATE (e)-[:REPORTED]->(r))
RETURN count(r) AS created
