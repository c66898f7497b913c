// Deletes the change log's entries at or below $through: the log keeps the latest revisions
// only, and each write that adds an entry prunes the one that falls out. Returns how many.
// params: through
MATCH (c:RevisionChange)
WHERE c.revision <= $through
DELETE c
RETURN count(*) AS deleted
