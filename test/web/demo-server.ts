/**
 * The real server on port 0 with the demonstration scenario and coordination tasks (a
 * private redis-server), as the browser tests use it; also runnable on its own for a
 * look at the UI: `npx tsx test/web/demo-server.ts`.
 */
import { seedDemo } from '../../src/cli/serve';
import { attachCoordination } from '../../src/runtime/context';
import { DEMO_NOW, startTestServer, type TestServer } from '../integration/harness';

export interface DemoServer extends TestServer {
  /** Null when no Redis could be started: the task routes answer 503. */
  tasksAvailable: boolean;
}

export async function startDemoServer(): Promise<DemoServer> {
  // Browsers load many assets and panels per page; the per-token limit is not under test here.
  const srv = await startTestServer({ seed: seedDemo, now: DEMO_NOW, env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '0' } });
  const coordination = await attachCoordination(srv.services, 'all');
  if (coordination) await waitForTasks(srv);
  return {
    ...srv,
    tasksAvailable: coordination !== null,
    async close() {
      await coordination?.feed?.close();
      await coordination?.close();
      await srv.close();
    },
  };
}

/** Tasks are derived asynchronously (analysis job, then reconcile); wait for the first ones. */
async function waitForTasks(srv: TestServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await srv.api('GET', '/api/tasks?state=active');
    if (res.status === 200 && res.body.tasks.length > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('demo server: no coordination task appeared');
}

if (require.main === module) {
  void (async () => {
    const srv = await startDemoServer();
    process.stdout.write(`${srv.url}/  coordinator token: ${srv.token}  tasks: ${srv.tasksAvailable}\n`);
    process.once('SIGINT', () => void srv.close().then(() => process.exit(0)));
    process.once('SIGTERM', () => void srv.close().then(() => process.exit(0)));
  })();
}
