// Which of these inventory report keys are already stored.
// params: keys
UNWIND $keys AS key
MATCH (r:InventoryReport {key: key})
RETURN DISTINCT r.key AS key
