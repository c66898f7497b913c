/**
 * The token store conformance suite against the Neo4j adapter on the in-memory fake driver. The
 * same suite runs against a real server in neo4j-store.integration.test.ts.
 */
import { createNeo4jTokenStore } from '../../src/access';
import { describeTokenStoreConformance } from '../access/token-store-conformance';
import { FakeNeo4j } from './fake-neo4j';

describeTokenStoreConformance('neo4j (fake driver)', async () => createNeo4jTokenStore({ driver: new FakeNeo4j().asDriver() }));
