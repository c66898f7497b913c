// Every inventory report, in the order received.
// params: none
MATCH (r:InventoryReport)
RETURN properties(r) AS report
ORDER BY r.seq
