// One task with its history, oldest entry first.
// params: id
MATCH (t:Task {id: $id})
RETURN properties(t) AS task, COLLECT {
  MATCH (t)-[:HAS_HISTORY]->(h:TaskHistory)
  RETURN properties(h)
  ORDER BY h.n
} AS history
