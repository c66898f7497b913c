// One page of tasks, most urgent first (CONTRACT §7): stopsOn ascending with the tasks that
// have none last (Cypher sorts null last when ascending), then priority desc, then id; after
// the keyset cursor (afterStopsOn, afterPriority, afterId; afterId is null on the first page,
// afterStopsOn null when the last item had none), keeping the tasks that match every filter
// that is not null.
// params: province, states, escalated, supplier, afterStopsOn, afterPriority, afterId, limit
MATCH (t:Task)
WHERE ($province IS NULL OR t.assigneeProvince = $province)
  AND ($states IS NULL OR t.state IN $states)
  AND ($escalated IS NULL OR t.escalated = $escalated)
  AND ($supplier IS NULL OR t.supplier = $supplier)
  AND ($afterId IS NULL
       OR ($afterStopsOn IS NULL AND t.stopsOn IS NULL
           AND (t.priority < $afterPriority OR (t.priority = $afterPriority AND t.id > $afterId)))
       OR ($afterStopsOn IS NOT NULL
           AND (t.stopsOn IS NULL OR t.stopsOn > $afterStopsOn
                OR (t.stopsOn = $afterStopsOn
                    AND (t.priority < $afterPriority OR (t.priority = $afterPriority AND t.id > $afterId))))))
RETURN properties(t) AS task
ORDER BY t.stopsOn, t.priority DESC, t.id
LIMIT $limit
