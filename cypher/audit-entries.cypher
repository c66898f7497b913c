// One page of the audit trail, newest first, below the keyset cursor $beforeSeq (the first page
// sends the largest integer, so the seq index both bounds and orders the scan), keeping the
// entries that match every filter that is not null. at, $from and $to are ISO timestamps
// compared as text, bounds inclusive, as the SQLite adapter does.
// params: beforeSeq, actor, action, target, from, to, limit
MATCH (a:AuditEntry)
WHERE a.seq < $beforeSeq
  AND ($actor IS NULL OR a.actor = $actor)
  AND ($action IS NULL OR a.action = $action)
  AND ($target IS NULL OR a.target = $target)
  AND ($from IS NULL OR a.at >= $from)
  AND ($to IS NULL OR a.at <= $to)
RETURN properties(a) AS entry
ORDER BY a.seq DESC
LIMIT $limit
