// Constraints of the API tokens, applied by Neo4jTokenStore.init(), each statement on its own
// (split at ";" like schema.cypher). Tokens are found by hash and revoked by id: both unique.
// params: none
CREATE CONSTRAINT api_token_id IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;

CREATE CONSTRAINT api_token_hash IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE;
