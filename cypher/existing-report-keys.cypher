// Which of these report keys are already stored.
// params: keys
UNWIND $keys AS key
MATCH (r:StatusReport {key: key})
RETURN DISTINCT r.key AS key
