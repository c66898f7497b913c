// Marks the token revoked at $at unless it already is: a second revocation keeps the first
// time. Returns how many tokens have this id (0 or 1).
// params: id, at
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, $at)
RETURN count(t) AS matched
