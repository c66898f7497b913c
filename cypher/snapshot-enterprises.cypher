// What the chain analysis needs of every enterprise, with its current status, in insertion order.
// params: none
MATCH (e:Enterprise)
RETURN e.id AS id, e.role AS role, e.province AS province, e.industry AS industry,
       coalesce(e.currentStatus, e.status) AS status, e.name AS name,
       CASE WHEN e.currentStatus IS NULL THEN e.capacityPct ELSE e.currentCapacityPct END AS capacityPct
ORDER BY e.ord
