// Creates one request node from $props (every field, null where absent; history as JSON text).
// The caller has checked, under the 'request_commits' lock, that the id is free.
// params: props
CREATE (r:Request)
SET r = $props
