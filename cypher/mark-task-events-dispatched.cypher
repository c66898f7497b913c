// Marks these events dispatched at $at; an event already dispatched keeps its first time.
// params: ids, at
UNWIND $ids AS id
MATCH (e:TaskEvent {id: id})
WHERE e.dispatchedAt IS NULL
SET e.dispatchedAt = $at
