// Every supply link, in insertion order.
// params: none
MATCH (s:Enterprise)-[l:SUPPLIES]->(c:Enterprise)
RETURN s.id AS supplier, c.id AS customer, l.part AS part, l.critical AS critical
ORDER BY l.ord
