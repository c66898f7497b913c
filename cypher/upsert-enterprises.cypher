// Upserts one batch of enterprises by id, replacing every field (a null removes an optional
// one), except `since`: a row without it keeps the stored one, and a new enterprise without it
// takes $today (the day it is first imported). A new enterprise takes ord = ordBase + row.idx, its position in the import, so export
// keeps insertion order. Returns how many rows inserted or changed an enterprise. The batch
// holds each id at most once: each row then compares against the state before the batch.
// params: rows, ordBase, today
UNWIND $rows AS row
MERGE (e:Enterprise {id: row.id})
  ON CREATE SET e.ord = $ordBase + row.idx, e.since = coalesce(row.since, $today)
WITH e, row,
     [k IN ['name', 'role', 'industry', 'province', 'status', 'capacityPct', 'size', 'city', 'uscc', 'contact']
      WHERE NOT coalesce(e[k] = row[k], e[k] IS NULL AND row[k] IS NULL)] +
     CASE WHEN row.since IS NOT NULL AND coalesce(e.since <> row.since, true) THEN ['since'] ELSE [] END AS differing
FOREACH (_ IN CASE WHEN size(differing) > 0 THEN [1] ELSE [] END |
  SET e.name = row.name, e.role = row.role, e.industry = row.industry, e.province = row.province,
      e.status = row.status, e.capacityPct = row.capacityPct, e.size = row.size, e.city = row.city,
      e.uscc = row.uscc, e.contact = row.contact, e.since = coalesce(row.since, e.since)
)
RETURN count(CASE WHEN size(differing) > 0 THEN 1 END) AS changed
