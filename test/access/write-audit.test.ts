/** The write-audit conformance suite on SQLite (one file, as deployed) and Neo4j (fake driver, one database). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Neo4jError } from 'neo4j-driver';
import { SqliteAuditStore, SqliteTokenStore } from '../../src/access';
import { SqliteTaskStore } from '../../src/coordination';
import { SqliteStore } from '../../src/graph';
import { createNeo4jStore } from '../../src/graph/neo4j';
import { createNeo4jAuditStore, createNeo4jTokenStore } from '../../src/access';
import { createNeo4jTaskStore } from '../../src/coordination';
import { FakeNeo4j } from '../cypher/fake-neo4j';
import { describeWriteAudit } from './write-audit-conformance';

describeWriteAudit('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-audit-'));
  const file = path.join(dir, 'linkage.sqlite');
  const graph = new SqliteStore({ file });
  const tasks = new SqliteTaskStore({ file });
  const tokens = new SqliteTokenStore(file);
  const audit = new SqliteAuditStore(file);
  for (const s of [graph, tasks, tokens, audit]) await s.init();
  return {
    graph,
    tasks,
    tokens,
    audit,
    breakAuditTrail() {
      const db = new Database(file);
      db.exec("CREATE TRIGGER audit_fails BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit append failed'); END");
      db.close();
    },
    async dispose() {
      for (const s of [graph, tasks, tokens, audit]) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeWriteAudit('neo4j (fake driver)', async () => {
  const fake = new FakeNeo4j();
  const driver = fake.asDriver();
  const graph = createNeo4jStore({ driver });
  const tasks = createNeo4jTaskStore({ driver });
  const tokens = createNeo4jTokenStore({ driver });
  const audit = createNeo4jAuditStore({ driver });
  for (const s of [graph, tasks, tokens, audit]) await s.init();
  return {
    graph,
    tasks,
    tokens,
    audit,
    breakAuditTrail() {
      fake.beforeRun = (name) => {
        if (name === 'create-audit-entry') throw new Neo4jError('audit append failed', 'Neo.DatabaseError.General.UnknownError' as never, '50N00', 'general');
      };
    },
    async dispose() {
      for (const s of [graph, tasks, tokens, audit]) await s.close();
    },
  };
});
