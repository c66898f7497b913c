// One request, with its history as JSON text.
// params: id
MATCH (r:Request {id: $id})
RETURN properties(r) AS request
