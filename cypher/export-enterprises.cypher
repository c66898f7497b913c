// Every enterprise, in insertion order.
// params: none
MATCH (e:Enterprise)
RETURN properties(e) AS enterprise
ORDER BY e.ord
