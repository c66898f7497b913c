/**
 * The store conformance suite against the Neo4j adapter on the in-memory fake driver: the
 * adapter's own code (batching, counters, seqs, mapping, revision rules) meets the contract.
 * The same suite runs against a real server in neo4j-store.integration.test.ts.
 */
import { Neo4jStore } from '../../src/graph/neo4j';
import { describeStoreConformance } from '../store-conformance';
import { FakeNeo4j } from './fake-neo4j';

describeStoreConformance('neo4j (fake driver)', async () => new Neo4jStore({ driver: new FakeNeo4j().asDriver() }));
