// The current revision, and the store's identity (null before store-identity has run on it).
// params: none
MATCH (c:Counter {name: 'revision'})
RETURN c.value AS revision, c.storeId AS store
