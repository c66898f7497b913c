/** The RequestStore conformance suite against the Neo4j adapter on the in-memory fake driver. */
import { createNeo4jAuditStore } from '../../src/access';
import { createNeo4jRequestStore, createNeo4jTaskStore } from '../../src/coordination';
import { describeRequestStore } from '../requests/request-store-conformance';
import { FakeNeo4j } from './fake-neo4j';

describeRequestStore('neo4j (fake driver)', {
  async create() {
    const driver = new FakeNeo4j().asDriver();
    const tasks = createNeo4jTaskStore({ driver });
    const audit = createNeo4jAuditStore({ driver });
    const requests = createNeo4jRequestStore({ driver });
    await tasks.init();
    await audit.init();
    await requests.init();
    return { tasks, audit, requests };
  },
  async dispose(w) {
    await Promise.all([w.requests.close(), w.tasks.close(), w.audit.close()]);
  },
});
