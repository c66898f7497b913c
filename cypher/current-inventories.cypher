// The current inventory report of each (customer, part): the latest asOf, ties the latest
// received (seq). Sorted by customer, part.
// params: none
MATCH (r:InventoryReport)
WITH r.customer AS customer, r.part AS part, r
ORDER BY r.asOf DESC, r.seq DESC
WITH customer, part, collect(r)[0] AS current
RETURN customer, part, current.days AS days, current.asOf AS asOf
ORDER BY customer, part
