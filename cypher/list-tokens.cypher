// Every token record, oldest first (createdAt, then id).
// params: none
MATCH (t:ApiToken)
RETURN properties(t) AS token
ORDER BY t.createdAt, t.id
