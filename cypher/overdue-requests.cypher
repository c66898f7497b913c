// Requests due for escalation: open, not escalated, reached the system at or before $before.
// params: before, limit
MATCH (r:Request)
WHERE r.state = 'open' AND r.escalated = false AND r.createdAt <= $before
RETURN properties(r) AS request
ORDER BY r.createdAt, r.id
LIMIT $limit
