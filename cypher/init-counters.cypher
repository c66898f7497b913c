// Creates the counters that do not exist yet, at zero; existing counters keep their value.
// params: names
UNWIND $names AS name
MERGE (c:Counter {name: name})
  ON CREATE SET c.value = 0
