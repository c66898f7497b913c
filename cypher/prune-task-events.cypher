// Deletes the dispatched events older than $before (ISO timestamps compared as text, as the
// SQLite adapter does); returns how many.
// params: before
MATCH (e:TaskEvent)
WHERE e.dispatchedAt IS NOT NULL AND e.at < $before
DELETE e
RETURN count(*) AS deleted
