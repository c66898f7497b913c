// Which of these (customer, part) pairs have at least one supply link.
// params: pairs
UNWIND $pairs AS pair
MATCH (:Enterprise)-[l:SUPPLIES {part: pair.part}]->(c:Enterprise {id: pair.customer})
RETURN DISTINCT c.id AS customer, l.part AS part
