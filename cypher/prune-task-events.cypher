// Deletes the dispatched events older than $before (ISO timestamps compared as text, as the
// SQLite adapter does); returns how many. Runway events stay: their keys are the record that
// an alert was sent (CONTRACT §7).
// params: before
MATCH (e:TaskEvent)
WHERE e.dispatchedAt IS NOT NULL AND e.at < $before AND e.type <> 'runway'
DELETE e
RETURN count(*) AS deleted
