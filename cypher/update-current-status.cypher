// Makes each row the current status of its enterprise unless the enterprise already has a
// later report (asOf, then seq). Each enterprise occurs at most once per batch.
// params: rows
UNWIND $rows AS row
MATCH (e:Enterprise {id: row.enterprise})
WHERE e.currentAsOf IS NULL OR e.currentAsOf < row.asOf
   OR (e.currentAsOf = row.asOf AND e.currentSeq < row.seq)
SET e.currentStatus = row.status, e.currentCapacityPct = row.capacityPct,
    e.currentAsOf = row.asOf, e.currentSeq = row.seq
