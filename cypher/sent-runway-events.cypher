// Which of these runway alert keys (CONTRACT §7: one event per leader and stop date) the outbox
// holds already.
// params: keys
UNWIND $keys AS key
MATCH (e:TaskEvent {taskId: key})
WHERE e.type = 'runway'
RETURN DISTINCT e.taskId AS key
