// Every enterprise's status on $date: its latest report with asOf <= $date (ties: the latest
// received), else its own status. In insertion order.
// params: date
MATCH (e:Enterprise)
WITH e, COLLECT {
  MATCH (r:StatusReport {enterprise: e.id})
  WHERE r.asOf <= $date
  RETURN r.status
  ORDER BY r.asOf DESC, r.seq DESC
  LIMIT 1
} AS latest
RETURN e.id AS id, e.role AS role, e.province AS province, e.industry AS industry, e.size AS size,
       coalesce(latest[0], e.status) AS status, e.since AS since
ORDER BY e.ord
