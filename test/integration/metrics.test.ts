/** /metrics exposes what operators graph: request latency by route, analysis, queues, open tasks. */
import { startTestServer, type TestServer } from './harness';
import { ent } from '../support/enterprises';

describe('Prometheus metrics', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({
      coordination: true,
      doc: { enterprises: [ent('L1', 'leader', '440000'), ent('S1', 'supplier', '420000', 'suspended')], links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }] },
    });
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  });

  it('reports request latency by route pattern, analysis revision, queue depths and open tasks by province', async () => {
    await srv.api('GET', '/api/chains/L1');
    await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended', asOf: '2020-03-02' });
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await (await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${srv.token}` } })).text();
      if (/linkage_open_tasks\{province="420000"\} 1/.test(text)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toMatch(/linkage_http_request_duration_seconds_count\{method="GET",route="\/api\/chains\/:leaderId",status="200"\} 1/);
    expect(text).toMatch(/linkage_analysis_revision 2/);
    expect(text).toMatch(/linkage_analysis_duration_seconds_count\{kind="incremental"\} 1/);
    // The status report reached the analysis through its change-log entry, with no snapshot reload.
    expect(text).toMatch(/linkage_changes_applied_total\{kind="status"\} 1/);
    expect(text).toMatch(/linkage_analysis_reloads_total\{reason="import"\} 1\n/); // the test's document, not the report
    expect(text).not.toMatch(/linkage_analysis_reloads_total\{reason="gap"\}/);
    expect(text).toMatch(/linkage_queue_jobs\{queue="tasks",state="waiting"\} \d+/);
    expect(text).toMatch(/linkage_open_tasks\{province="420000"\} 1/);
    expect(text).toMatch(/linkage_job_outcomes_total\{queue="\w+",outcome="completed"\} \d+/);
  });
});
