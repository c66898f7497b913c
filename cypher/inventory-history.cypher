// One page of a customer's inventory reports, newest first (asOf desc, seq desc), after the
// keyset cursor (afterAsOf, afterSeq); afterAsOf is null on the first page.
// "r.asOf IS NOT NULL" always holds; it lets the planner seek the (customer, asOf) index.
// params: customer, afterAsOf, afterSeq, limit
MATCH (r:InventoryReport {customer: $customer})
WHERE r.asOf IS NOT NULL
  AND ($afterAsOf IS NULL OR r.asOf < $afterAsOf OR (r.asOf = $afterAsOf AND r.seq < $afterSeq))
RETURN properties(r) AS report
ORDER BY r.asOf DESC, r.seq DESC
LIMIT $limit
