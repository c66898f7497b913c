// The current revision.
// params: none
MATCH (c:Counter {name: 'revision'})
RETURN c.value AS revision
