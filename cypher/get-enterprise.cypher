// One enterprise with its stored current status.
// params: id
MATCH (e:Enterprise {id: $id})
RETURN properties(e) AS enterprise
