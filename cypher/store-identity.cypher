// The identity of the graph store, created with it: set once on the 'revision' counter (a unique
// node, created by init-counters) and never changed. A follower compares it with the identity
// of the store its in-memory state came from, so that a database restored from another
// deployment is never mistaken for this one (StoreHead in src/graph/store.ts).
// params: id
MATCH (c:Counter {name: 'revision'})
SET c.storeId = coalesce(c.storeId, $id)
RETURN c.storeId AS id
