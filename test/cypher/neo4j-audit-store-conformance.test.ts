/**
 * The audit store conformance suite against the Neo4j adapter on the in-memory fake driver. The
 * same suite runs against a real server in neo4j-store.integration.test.ts.
 */
import { createNeo4jAuditStore } from '../../src/access';
import { describeAuditStoreConformance } from '../access/audit-store-conformance';
import { FakeNeo4j } from './fake-neo4j';

describeAuditStoreConformance('neo4j (fake driver)', async () => createNeo4jAuditStore({ driver: new FakeNeo4j().asDriver() }));
