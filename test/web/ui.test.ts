/**
 * The web UI in a real browser (Debian's chromium through playwright-core) against the real
 * server on port 0 with the demonstration scenario and coordination tasks. Every test fails
 * on any console error or uncaught page error. Screenshots go to test-artifacts/ui/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { province } from '../../src/graph';
import { startDemoServer, type DemoServer } from './demo-server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'ui');
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const HUBEI = '420000';

const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser) {
  console.warn(`web UI tests skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);
}
const describeUi = haveBrowser ? describe : describe.skip;

describeUi('the web UI in a browser', () => {
  let srv: DemoServer;
  let browser: Browser;
  let liaisonToken: string;
  let leadToken: string;
  let reporterToken: string;
  /** A blocked leader, one of its root causes and the blocking path between them. */
  let blocked!: { leader: string; root: string; path: string[] };
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    [srv, browser] = await Promise.all([
      startDemoServer(),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
    // The blocked leader with the longest blocking path: the most to trace.
    const chains = (await srv.api('GET', '/api/chains')).body.chains as Array<{ leader: string; state: string }>;
    for (const c of chains.filter((x) => x.state === 'blocked')) {
      const root = (await srv.api('GET', `/api/chains/${c.leader}`)).body.rootCauses[0];
      if (!blocked || root.path.length > blocked.path.length) blocked = { leader: c.leader, root: root.id, path: root.path };
    }
    expect(blocked.path.length).toBeGreaterThan(2);
    liaisonToken = (await srv.api('POST', '/api/tokens', { role: 'liaison', province: HUBEI })).body.token;
    leadToken = (await srv.api('POST', '/api/tokens', { role: 'lead', enterprise: blocked.leader })).body.token;
    reporterToken = (await srv.api('POST', '/api/tokens', { role: 'reporter', enterprise: 'S-000149' })).body.token;
  }, 120_000);

  afterAll(async () => {
    // The browser first: its open event streams would keep the HTTP server from closing.
    await browser?.close();
    await srv?.close();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });

  /** A fresh browser context; everything the page reports as an error is collected. */
  async function newPage(hash = '', viewport = LAPTOP): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    open.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    // Signing in lands on the view in the hash, so tests skip the dashboard they do not need.
    await page.goto(`${srv.url}/${hash}`);
    return { page, errors };
  }

  /** Signs in with the token alone and checks who the page says is signed in. */
  async function signIn(page: Page, token: string, identity: string): Promise<void> {
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect(page.getByTestId('identity').textContent()).resolves.toBe(identity);
  }

  async function shot(page: Page, name: string): Promise<void> {
    // From the top, so the sticky header sits where it belongs in a full-page picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** True when nothing is wider than the viewport (no sideways scrolling of the page). */
  function fitsWidth(page: Page): Promise<boolean> {
    // A string: this file is typed for Node, the expression runs in the page.
    return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  }

  it('serves the page and its assets under the security headers, with no inline script', async () => {
    const res = await fetch(`${srv.url}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toMatch(/<script src="\/assets\/app\.js\?v=[0-9a-f]+" defer><\/script>/);
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i);
    const js = await fetch(`${srv.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const etag = js.headers.get('etag')!;
    expect((await fetch(`${srv.url}/assets/app.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${srv.url}/assets/app.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${srv.url}/api/no-such-route`)).status).toBe(404);
  });

  it('asks for the token alone, rejects one the server does not accept, then signs the coordinator in', async () => {
    const { page, errors } = await newPage('#/what-if');
    await expect(page.getByRole('radio').count()).resolves.toBe(0);
    await shot(page, 'laptop-sign-in');
    const revoked = (await srv.api('POST', '/api/tokens', { role: 'coordinator' })).body;
    expect((await srv.api('DELETE', `/api/tokens/${revoked.id}`)).body.revokedAt).toBeDefined();
    await page.getByLabel('Access token').fill(revoked.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not valid: it may have expired or been revoked/);
    // The failed check is a 401 the browser logs; only what follows must be clean.
    errors.length = 0;
    await signIn(page, srv.token, 'National coordinator');
    await page.getByRole('heading', { name: 'What-if', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a coordinator the national dashboard: trend, blocked leaders, bottlenecks, tasks by province', async () => {
    const { page, errors } = await newPage();
    await signIn(page, srv.token, 'National coordinator');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Chains', 'Tasks', 'What-if', 'Report status']);
    await page.locator('.kpi').first().waitFor();
    const leaders = page.getByRole('region', { name: 'Blocked leaders' });
    await expect(leaders.getByRole('link', { name: blocked.leader }).count()).resolves.toBe(1);
    const bottlenecks = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks;
    await expect(page.getByRole('region', { name: 'Top bottlenecks' }).getByRole('row').count()).resolves.toBe(Math.min(10, bottlenecks.length) + 1);
    const tasks = page.getByRole('region', { name: 'Tasks by province and state' });
    await tasks.getByRole('link', { name: /湖北省 Hubei/ }).waitFor();
    const trend = page.getByRole('region', { name: 'SME resumption rate' });
    await trend.locator('canvas').waitFor();
    await expect(trend.getByRole('list', { name: /Latest rates/ }).textContent()).resolves.toMatch(/National\d+\.\d %/);
    await page.locator('.live-live').waitFor();
    await shot(page, 'laptop-coordinator-dashboard');

    await trend.getByRole('radio', { name: 'By province' }).check();
    await trend.getByRole('list', { name: /Latest rates/ }).getByText(/Hubei/).waitFor({ timeout: 30_000 });
    await expect(trend.getByRole('radio', { name: 'By industry' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('updates the task list live when a task changes elsewhere', async () => {
    const { page, errors } = await newPage('#/inbox');
    await signIn(page, srv.token, 'National coordinator');
    await page.locator('.live-live').waitFor();
    const outside = (await srv.api('GET', '/api/tasks?state=open')).body.tasks.find((t: { assigneeProvince: string }) => t.assigneeProvince !== HUBEI);
    const card = page.locator(`article[data-task="${outside.id}"]`);
    await card.locator('.badge-task-open').waitFor();
    expect((await srv.api('POST', `/api/tasks/${outside.id}/ack`, { note: 'from another desk' })).status).toBe(200);
    await card.locator('.badge-task-acknowledged').waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Start work' }).waitFor();
    await page.getByRole('status').filter({ hasText: `Live update: task for ${outside.supplier}` }).waitFor();
    expect(errors).toEqual([]);
  });

  it('traces a blocked chain: the blocking path, the network drawn, and a supplier with its history', async () => {
    const { page, errors } = await newPage('#/chains');
    await signIn(page, srv.token, 'National coordinator');
    await page.getByLabel('Leader', { exact: true }).selectOption(blocked.leader);
    const pathList = page.getByRole('list', { name: `Blocking path from ${blocked.root} to ${blocked.leader}` });
    expect(await pathList.getByRole('button').allTextContents()).toEqual(blocked.path);
    await page.locator('.network-stage canvas').first().waitFor();
    await expect(page.getByRole('figure').getAttribute('aria-label')).resolves.toMatch(new RegExp(`Upstream network of ${blocked.leader}: \\d+ suppliers in \\d+ tiers`));
    await pathList.getByRole('button', { name: new RegExp(`^${blocked.root}, down`) }).click();
    const panel = page.getByRole('complementary', { name: blocked.root });
    await panel.getByText('Status history').waitFor();
    await expect(panel.locator('.badge-avail-down').count()).resolves.toBe(1);
    await page.waitForTimeout(300); // let the graph finish its first frames before the picture
    await shot(page, 'laptop-chain-tracer');
    expect(errors).toEqual([]);
  });

  it('runs a what-if: resuming the top bottleneck clears the leaders the API says it clears', async () => {
    const { page, errors } = await newPage('#/what-if');
    await signIn(page, srv.token, 'National coordinator');
    const top = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks[0];
    const expected = (await srv.api('POST', '/api/what-if', { resume: [top.id] })).body.changes.map((c: { leader: string }) => c.leader).sort();
    await page.getByLabel('Resume enterprises').fill(top.id);
    await page.getByRole('button', { name: 'Run what-if' }).click();
    const table = page.getByTestId('whatif-changes');
    await table.waitFor();
    expect((await table.locator('tbody th').allTextContents()).sort()).toEqual(expected);
    await expect(table.locator('tbody .badge-chain-clear').count()).resolves.toBe(top.unblocksIfResumed);

    await page.getByLabel('Suspend provinces').selectOption(HUBEI);
    await page.getByRole('button', { name: 'Add province' }).click();
    await page.getByLabel('Resume enterprises').fill('');
    await page.getByRole('button', { name: 'Run what-if' }).click();
    await page.getByText(/By suspending 湖北省 Hubei: \d+ leaders? would change/).waitFor();
    await shot(page, 'laptop-what-if');
    expect(errors).toEqual([]);
  });

  it("lets a Hubei liaison acknowledge, start and resolve a task in its inbox, with notes", async () => {
    const { page, errors } = await newPage();
    await signIn(page, liaisonToken, 'Provincial liaison · 湖北省 Hubei');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Tasks', 'Dashboard', 'Chains', 'What-if']);
    await page.locator('article.task').first().waitFor();
    for (const assigned of await page.locator('article.task .task-title p').allTextContents()) expect(assigned).toMatch(/^Assigned to 湖北省 Hubei/);

    const apiTasks = (await srv.api('GET', `/api/tasks?province=${HUBEI}&state=open`)).body.tasks as Array<{ id: string; supplier: string }>;
    const task = apiTasks[0];
    const card = page.locator(`article[data-task="${task.id}"]`);
    await card.waitFor();
    await shot(page, 'laptop-liaison-inbox');

    await card.getByLabel('Note (optional)').fill('Called the plant manager; restart planned.');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.locator('.badge-task-acknowledged').waitFor();
    await card.getByRole('button', { name: 'Start work' }).click();
    await card.locator('.badge-task-in_progress').waitFor();
    await card.getByLabel('Note (optional)').fill('Line restarted at 60 %.');
    await card.getByRole('button', { name: 'Mark resolved' }).click();
    // Its supplier still blocks across provinces: the task ends resolved and an escalated follow-up opens.
    const followUp = page.locator('article.task-escalated').filter({ hasText: `follows up ${task.id}` });
    await followUp.waitFor();
    await expect(page.getByRole('status').filter({ hasText: /follow-up/ }).textContent()).resolves.toContain(task.supplier);
    await followUp.getByText('History').click();
    await followUp.locator('.history li').first().waitFor();
    await shot(page, 'laptop-liaison-resolved');

    const done = (await srv.api('GET', `/api/tasks/${task.id}`)).body;
    expect(done.state).toBe('resolved');
    expect(done.history.map((h: { to: string }) => h.to)).toEqual(['open', 'acknowledged', 'in_progress', 'resolved']);
    expect(done.history.slice(1).map((h: { note?: string }) => h.note)).toEqual(['Called the plant manager; restart planned.', undefined, 'Line restarted at 60 %.']);
    expect(done.history[1].actor).toMatch(/liaison/);
    expect(errors).toEqual([]);
  });

  it('shows a lead its own chain only: what blocks it and its suppliers by tier', async () => {
    const { page, errors } = await newPage();
    await signIn(page, leadToken, `Chain lead · ${blocked.leader}`);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['My chain']);
    const pathList = page.getByRole('list', { name: `Blocking path from ${blocked.root} to ${blocked.leader}` });
    expect(await pathList.getByRole('button').allTextContents()).toEqual(blocked.path);
    const tiers = page.getByRole('region', { name: 'My suppliers by tier' });
    await tiers.getByText('Tier 1').waitFor();
    const upstream = (await srv.api('GET', `/api/enterprises/${blocked.leader}/upstream`)).body;
    await expect(tiers.locator('details.tier').count()).resolves.toBe(upstream.tiers.length);
    await expect(tiers.locator('details.tier').first().locator('tbody tr').count()).resolves.toBe(upstream.tiers[0].enterprises.length);
    await tiers.getByLabel('Only those not operating').check();
    await expect(tiers.locator('details.tier').first().locator('tbody tr').count()).resolves.toBe(
      upstream.tiers[0].enterprises.filter((e: { availability: string }) => e.availability !== 'operating').length,
    );
    await page.locator('.network-stage canvas').first().waitFor();
    await pathList.getByRole('button', { name: new RegExp(`^${blocked.root}, down`) }).click();
    await page.getByRole('complementary', { name: blocked.root }).getByText('Status history').waitFor();
    await shot(page, 'laptop-lead');
    expect(errors).toEqual([]);
  });

  it('lets a reporter report its enterprise status and see it in the history', async () => {
    const { page, errors } = await newPage();
    await signIn(page, reporterToken, 'Status reporter · S-000149');
    await page.getByRole('radio', { name: 'Partial' }).check();
    await page.getByLabel('Capacity (%)').fill('60');
    await page.getByLabel('As of').fill('2020-03-24');
    await page.getByLabel('Note').fill('Half the staff are back.');
    await page.getByRole('button', { name: 'Report status' }).click();
    await page.getByText('Reported partial (60 %) as of 2020-03-24.').first().waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('Half the staff are back.').waitFor();
    expect((await srv.api('GET', '/api/enterprises/S-000149')).body.currentStatus).toBe('partial');
    await shot(page, 'laptop-reporter');
    expect(errors).toEqual([]);
  });

  it('fits a phone: dashboard, chain tracer and inbox without sideways scrolling', async () => {
    const { page, errors } = await newPage('', PHONE);
    await shot(page, 'phone-sign-in');
    expect(await fitsWidth(page)).toBe(true);
    await signIn(page, srv.token, 'National coordinator');
    await page.locator('.kpi').first().waitFor();
    await page.getByRole('region', { name: 'SME resumption rate' }).locator('canvas').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-dashboard');
    await page.goto(`${srv.url}/#/chains/${blocked.leader}`);
    await page.locator('.network-stage canvas').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-chain-tracer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.locator('article.task').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-inbox');
    expect(errors).toEqual([]);
  });
});
