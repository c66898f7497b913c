// The current values of the named counters; a counter that does not exist is left out.
// params: names
UNWIND $names AS name
MATCH (c:Counter {name: name})
RETURN c.name AS name, c.value AS value
