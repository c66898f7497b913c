// Stores a new token record under the hash of its secret. Null fields are not stored. A token
// starts unrevoked. A repeated id or hash fails on the constraints of token-schema.cypher.
// params: id, hash, role, actor, province, enterprise, createdAt, expiresAt
CREATE (:ApiToken {
  id: $id, hash: $hash, role: $role, actor: $actor, province: $province, enterprise: $enterprise,
  createdAt: $createdAt, expiresAt: $expiresAt
})
