// Upserts one batch of supply links by (supplier, customer, part), setting critical. A new link
// takes ord = ordBase + row.idx. Returns the rows whose two enterprises exist (matched) and
// the rows that inserted or changed a link (changed). Each key occurs at most once per batch.
// params: rows, ordBase
UNWIND $rows AS row
MATCH (s:Enterprise) WHERE s.id = row.supplier
MATCH (c:Enterprise) WHERE c.id = row.customer
MERGE (s)-[l:SUPPLIES {part: row.part}]->(c)
  ON CREATE SET l.ord = $ordBase + row.idx
WITH l, row, l.critical IS NULL OR l.critical <> row.critical AS differs
FOREACH (_ IN CASE WHEN differs THEN [1] ELSE [] END | SET l.critical = row.critical)
RETURN count(l) AS matched, count(CASE WHEN differs THEN 1 END) AS changed
