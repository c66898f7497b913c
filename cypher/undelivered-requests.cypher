// Active requests that have not reached their province's inbox.
// params: active, limit
MATCH (r:Request)
WHERE r.state IN $active AND r.deliveredAt IS NULL
RETURN properties(r) AS request
ORDER BY r.createdAt, r.id
LIMIT $limit
