// One page of an enterprise's reports, newest first (asOf desc, seq desc), after the keyset
// cursor (afterAsOf, afterSeq); afterAsOf is null on the first page.
// "r.asOf IS NOT NULL" always holds; it lets the planner seek the (enterprise, asOf) index.
// params: enterprise, afterAsOf, afterSeq, limit
MATCH (r:StatusReport {enterprise: $enterprise})
WHERE r.asOf IS NOT NULL
  AND ($afterAsOf IS NULL OR r.asOf < $afterAsOf OR (r.asOf = $afterAsOf AND r.seq < $afterSeq))
RETURN properties(r) AS report
ORDER BY r.asOf DESC, r.seq DESC
LIMIT $limit
