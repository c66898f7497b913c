// The token record stored under this hash, if any.
// params: hash
MATCH (t:ApiToken {hash: $hash})
RETURN properties(t) AS token
