/**
 * The TaskStore conformance suite against the Neo4j adapter on the in-memory fake driver, which
 * emulates the activeSupplier uniqueness constraint and writers taking turns. The same suite
 * runs against a real server in neo4j-store.integration.test.ts.
 */
import { createNeo4jTaskStore } from '../../src/coordination';
import { describeTaskStore } from '../coordination/task-store-conformance';
import { FakeNeo4j } from './fake-neo4j';

describeTaskStore('neo4j (fake driver)', {
  async create() {
    const store = createNeo4jTaskStore({ driver: new FakeNeo4j().asDriver() });
    await store.init();
    return store;
  },
  dispose: (store) => store.close(),
});
