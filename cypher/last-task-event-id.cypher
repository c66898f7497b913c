// The highest event id stored, null when there is none.
// params: none
MATCH (e:TaskEvent)
RETURN max(e.id) AS last
