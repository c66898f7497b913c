// Every status report, in the order received.
// params: none
MATCH (r:StatusReport)
RETURN properties(r) AS report
ORDER BY r.seq
