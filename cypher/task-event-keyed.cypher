// Whether the outbox holds an event with this taskId (a reminder's key).
// params: taskId
MATCH (e:TaskEvent {taskId: $taskId})
RETURN e.id AS id
LIMIT 1
