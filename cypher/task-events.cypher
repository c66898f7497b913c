// Events with id > $after, in id order, at most $limit; only the undispatched ones when
// $undispatched is true.
// params: after, undispatched, limit
MATCH (e:TaskEvent)
WHERE e.id > $after AND (NOT $undispatched OR e.dispatchedAt IS NULL)
RETURN properties(e) AS event
ORDER BY e.id
LIMIT $limit
