// The latest asOf of any status or inventory report (null when there is none): the data date.
// params: none
OPTIONAL MATCH (r:StatusReport)
WITH max(r.asOf) AS statusLatest
OPTIONAL MATCH (i:InventoryReport)
WITH statusLatest, max(i.asOf) AS inventoryLatest
RETURN CASE WHEN statusLatest IS NULL OR inventoryLatest > statusLatest THEN inventoryLatest ELSE statusLatest END AS latest
