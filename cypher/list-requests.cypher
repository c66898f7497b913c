// One page of requests, oldest first (createdAt, then id), after the keyset cursor
// (afterCreatedAt, afterId; null on the first page), keeping those that match every filter that
// is not null. Visibility ($scoped): the assignee province is $scopeProvince or the enterprise
// is one of $scopeEnterprises.
// params: province, states, category, enterprise, escalated, scoped, scopeProvince, scopeEnterprises, afterCreatedAt, afterId, limit
MATCH (r:Request)
WHERE ($province IS NULL OR r.assigneeProvince = $province)
  AND ($states IS NULL OR r.state IN $states)
  AND ($category IS NULL OR r.category = $category)
  AND ($enterprise IS NULL OR r.enterprise = $enterprise)
  AND ($escalated IS NULL OR r.escalated = $escalated)
  AND (NOT $scoped OR r.assigneeProvince = $scopeProvince OR r.enterprise IN $scopeEnterprises)
  AND ($afterCreatedAt IS NULL OR r.createdAt > $afterCreatedAt
       OR (r.createdAt = $afterCreatedAt AND r.id > $afterId))
RETURN properties(r) AS request
ORDER BY r.createdAt, r.id
LIMIT $limit
