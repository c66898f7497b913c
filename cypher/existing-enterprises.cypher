// Which of these ids name a stored enterprise.
// params: ids
UNWIND $ids AS id
MATCH (e:Enterprise {id: id})
RETURN e.id AS id
