// Every enterprise with its own status (not its current one: the status timeline replays the
// reports on top of it), in insertion order.
// params: none
MATCH (e:Enterprise)
RETURN e.id AS id, e.role AS role, e.province AS province, e.industry AS industry, e.size AS size,
       e.status AS status, e.since AS since
ORDER BY e.ord
