// Applies $patch to the request if it is still at $expectVersion and bumps its version. Returns
// the request after the change; no row means it changed since it was read.
// params: id, expectVersion, patch
MATCH (r:Request {id: $id})
WHERE r.version = $expectVersion
SET r += $patch, r.version = r.version + 1
RETURN properties(r) AS request
