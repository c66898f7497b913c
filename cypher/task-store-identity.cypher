// The identity of the task store, created with it: set once on the 'task_commits' counter (a
// unique node, created by init-counters) and never changed. It scopes the queue jobs' ids and
// deduplication keys, so a new store on a Redis that served another is never mistaken for it.
// params: id
MATCH (c:Counter {name: 'task_commits'})
SET c.storeId = coalesce(c.storeId, $id)
RETURN c.storeId AS id
