// Appends events to the outbox, their ids already taken from the 'task_event_id' counter. task
// is the task as it is after the change, as JSON text; requestId the HTTP request that caused
// it, when one did (null is not stored). An event starts undispatched.
// params: rows
UNWIND $rows AS row
CREATE (:TaskEvent {
  id: row.id, type: row.type, taskId: row.taskId, province: row.province, at: row.at, task: row.task,
  requestId: row.requestId
})
