// Which of these ids name a stored task.
// params: ids
UNWIND $ids AS id
MATCH (t:Task {id: id})
RETURN t.id AS id
