// One page of tasks, by priority desc, createdAt asc, id asc, after the keyset cursor
// (afterPriority, afterCreatedAt, afterId; afterPriority is null on the first page), keeping
// the tasks that match every filter that is not null.
// params: province, states, escalated, supplier, afterPriority, afterCreatedAt, afterId, limit
MATCH (t:Task)
WHERE ($province IS NULL OR t.assigneeProvince = $province)
  AND ($states IS NULL OR t.state IN $states)
  AND ($escalated IS NULL OR t.escalated = $escalated)
  AND ($supplier IS NULL OR t.supplier = $supplier)
  AND ($afterPriority IS NULL OR t.priority < $afterPriority
       OR (t.priority = $afterPriority
           AND (t.createdAt > $afterCreatedAt OR (t.createdAt = $afterCreatedAt AND t.id > $afterId))))
RETURN properties(t) AS task
ORDER BY t.priority DESC, t.createdAt, t.id
LIMIT $limit
