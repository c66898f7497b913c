// The change log's entries after revision $since, oldest first, at most $limit.
// params: since, limit
MATCH (c:RevisionChange)
WHERE c.revision > $since
RETURN c.revision AS revision, c.change AS change
ORDER BY c.revision
LIMIT $limit
