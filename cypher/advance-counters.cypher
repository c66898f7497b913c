// Adds counter.by to each named counter and returns the new values. Reading c.value on the
// right-hand side of SET makes Cypher write-lock the counter before reading it, so concurrent
// writers never reuse a value and hold the lock until they commit. Every write advances
// 'revision' first (by 0 when it may change nothing), which serialises writers.
// params: counters
UNWIND $counters AS counter
MATCH (c:Counter {name: counter.name})
SET c.value = c.value + counter.by
RETURN c.name AS name, c.value AS value
