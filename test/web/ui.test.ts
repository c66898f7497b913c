/**
 * The web UI in a real browser (Debian's chromium through playwright-core) against the real
 * server on port 0 with the demonstration scenario and coordination tasks. Every test fails
 * on any console error or uncaught page error. The workflows run in English (the words the
 * tests look for read plainly); the tour runs every view in both languages, audits it with
 * axe-core and takes its screenshots at laptop and phone width into test-artifacts/ui/.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CATALOGUES, type Lang, type MessageKey } from '../../src/web/client/messages';
import { startDemoServer, type DemoServer } from './demo-server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'ui');
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const HUBEI = '420000';
type Lang2 = Lang;

/** A message of the UI's catalogue, as the page shows it (placeholders filled by the caller). */
function msg(lang: Lang2, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key]
    .split('|')
    .pop()!
    .replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
}

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
  /** Enterprise names by id, as the API gives them. */
  const names = new Map<string, string>();
  const nameOf = async (id: string): Promise<string> => {
    if (!names.has(id)) names.set(id, (await srv.api('GET', `/api/enterprises/${id}`)).body.name);
    return names.get(id)!;
  };
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

  /** A fresh browser context in a language; everything the page reports as an error is collected. */
  async function newPage(hash = '', viewport = LAPTOP, lang: Lang2 | null = 'en'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    open.push(context);
    if (lang) await context.addInitScript(`localStorage.setItem('linkage.lang', ${JSON.stringify(lang)})`);
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
  async function signIn(page: Page, token: string, identity: string, lang: Lang2 = 'en'): Promise<void> {
    await page.getByLabel(msg(lang, 'signin.token')).fill(token);
    await page.getByRole('button', { name: msg(lang, 'signin.submit') }).click();
    await page.getByRole('navigation', { name: msg(lang, 'app.navLabel') }).waitFor();
    // A lead's or reporter's enterprise is named once its details arrive.
    await page.getByTestId('identity').filter({ hasText: identity }).waitFor({ state: 'attached' });
    await expect(page.getByTestId('identity').textContent()).resolves.toBe(identity);
  }

  async function shot(page: Page, name: string): Promise<void> {
    // From the top, so the sticky header sits where it belongs in a full-page picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** axe-core's audit of the page as it is: no serious or critical violation. */
  async function audit(page: Page, where: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
    expect(bad).toEqual([]);
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

  it('speaks Simplified Chinese by default; the switch to English is remembered and sets <html lang>', async () => {
    const { page, errors } = await newPage('', LAPTOP, null);
    await page.getByRole('heading', { name: msg('zh-CN', 'signin.heading') }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('zh-CN');
    await signIn(page, srv.token, msg('zh-CN', 'role.coordinator'), 'zh-CN');
    const nav = page.getByRole('navigation', { name: msg('zh-CN', 'app.navLabel') });
    expect(await nav.getByRole('link').allTextContents()).toEqual(
      ['nav.dashboard', 'nav.runway', 'nav.chains', 'nav.inbox', 'nav.whatIf', 'nav.report', 'nav.access'].map((k) => msg('zh-CN', k as MessageKey)),
    );
    await page.getByRole('heading', { name: msg('zh-CN', 'dash.title'), level: 1 }).waitFor();
    // Numbers and dates in the language's own forms.
    await expect(page.getByTestId('headline-change').textContent()).resolves.toMatch(/^较 \d{4}年\d{1,2}月\d{1,2}日 [+-]?\d+\.\d 个百分点$/);

    await page
      .getByRole('group', { name: msg('zh-CN', 'app.language') })
      .getByRole('button', { name: 'English' })
      .click();
    await page.getByRole('heading', { name: 'National dashboard', level: 1 }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await expect(page.getByTestId('headline-change').textContent()).resolves.toMatch(/^[+-]?\d+\.\d pts since [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await page.reload();
    await page.getByRole('heading', { name: 'National dashboard', level: 1 }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await expect(page.evaluate("localStorage.getItem('linkage.lang')")).resolves.toBe('en');
    expect(errors).toEqual([]);
  });

  it('shows a coordinator the national dashboard: SME figure on the data date, map, trend, paged leaders, bottlenecks, tasks', async () => {
    const { page, errors } = await newPage();
    await signIn(page, srv.token, 'National coordinator');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Runway', 'Chains', 'Tasks', 'What-if', 'Report status', 'Access']);
    await page.locator('.kpi').first().waitFor();
    // The data date is the latest day of the 2020 data, not today; the headline is the API's figure on it.
    const subtitle = await page.locator('.view-head p').textContent();
    const day = /as of ([A-Z][a-z]{2} \d{1,2}, 2020)/.exec(subtitle ?? '')?.[1];
    expect(day).toBeDefined();
    const iso = new Date(`${day} UTC`).toISOString().slice(0, 10);
    // SMEs: size medium, small or micro (`sme=true`).
    await expect(page.locator('.kpi-headline .kpi-label').textContent()).resolves.toBe('SMEs resumed');
    const fig = (await srv.api('GET', `/api/stats/resumption?date=${iso}&sme=true`)).body;
    await expect(page.getByTestId('headline-rate').textContent()).resolves.toBe(`${fig.rate.toFixed(1)}%`);
    const dayAfter = new Date(Date.parse(iso) + 86_400_000).toISOString().slice(0, 10);
    const later = (await srv.api('GET', `/api/stats/resumption?date=${dayAfter}&sme=true`)).body;
    expect(later.resumed).toBe(fig.resumed);

    const chains = (await srv.api('GET', '/api/chains')).body.chains as Array<{ leader: string; state: string }>;
    const blockedCount = chains.filter((c) => c.state !== 'clear').length;
    const leaders = page.getByRole('region', { name: 'Blocked leaders' });
    await expect(leaders.locator('tbody tr').count()).resolves.toBe(Math.min(10, blockedCount));
    await expect(leaders.locator(`a[title="${blocked.leader}"]`).count()).resolves.toBe(1);
    const bottlenecks = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks;
    await expect(page.getByRole('region', { name: 'Top bottlenecks' }).getByRole('row').count()).resolves.toBe(Math.min(10, bottlenecks.length) + 1);
    const map = page.getByRole('region', { name: 'Provinces' });
    await map.getByRole('link', { name: /^Hubei: \d+\.\d%, \d+ active tasks?$/ }).waitFor();
    await expect(map.locator('.flows path').count()).resolves.toBeGreaterThan(0);
    const tasks = page.getByRole('region', { name: 'Tasks by province and state' });
    await tasks.getByRole('link', { name: 'Hubei' }).waitFor();
    const trend = page.getByRole('region', { name: 'SME resumption rate' });
    await trend.locator('canvas').waitFor();
    await expect(trend.getByRole('list', { name: /Latest rates/ }).textContent()).resolves.toMatch(/National\d+\.\d%/);
    await page.locator('.live-live').waitFor();
    await shot(page, 'laptop-coordinator-dashboard');

    // Reporting: the rate on the data date and the stale reporters, weightiest first, paged.
    const reporting = (await srv.api('GET', `/api/stats/reporting?date=${iso}&limit=10`)).body;
    const card = page.getByRole('region', { name: 'Reporting' });
    await card.getByText(`reported on ${day}`, { exact: false }).waitFor();
    await expect(card.locator('tbody tr').count()).resolves.toBe(reporting.stale.length);
    expect(await card.locator('tbody th .ent').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(reporting.stale.map((x: { id: string }) => x.id));
    if (reporting.stale.length) {
      await card
        .locator('tbody tr')
        .first()
        .getByRole('button', { name: /^Copy a reminder for/ })
        .click();
      await card.locator('tbody tr').first().getByRole('button').filter({ hasText: 'Reminder copied' }).waitFor();
    }

    await trend.getByRole('radio', { name: 'By province' }).check();
    await trend
      .getByRole('list', { name: /Latest rates/ })
      .getByText(/Hubei/)
      .waitFor({ timeout: 30_000 });
    await expect(trend.getByRole('radio', { name: 'By industry' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('updates the task list live when a task changes elsewhere, keeping the note being typed and its focus', async () => {
    const { page, errors } = await newPage('#/inbox');
    await signIn(page, srv.token, 'National coordinator');
    await page.locator('.live-live').waitFor();
    const open = (await srv.api('GET', '/api/tasks?state=open')).body.tasks as Array<{ id: string; supplier: string; assigneeProvince: string }>;
    const outside = open.find((t) => t.assigneeProvince !== HUBEI)!;
    const typing = open.find((t) => t.id !== outside.id)!;
    const card = page.locator(`article[data-task="${outside.id}"]`);
    await card.locator('.badge-task-open').waitFor();
    const note = page.locator(`article[data-task="${typing.id}"]`).getByLabel('Note (optional)');
    await note.fill('half-typed note');
    expect((await srv.api('POST', `/api/tasks/${outside.id}/ack`, { note: 'from another desk' })).status).toBe(200);
    await card.locator('.badge-task-acknowledged').waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Start work' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Live update: task for ${await nameOf(outside.supplier)}` })
      .waitFor();
    // The list was refreshed in place: the other card's note and the focus are where they were.
    await expect(note.inputValue()).resolves.toBe('half-typed note');
    await expect(page.evaluate('document.activeElement.value')).resolves.toBe('half-typed note');
    expect(errors).toEqual([]);
  });

  it('traces a blocked chain found by search: the blocking path by name, the network drawn, and a supplier with its history', async () => {
    const { page, errors } = await newPage('#/chains');
    await signIn(page, srv.token, 'National coordinator');
    // The blocked ones are paged, never one long drop-down.
    await expect(page.locator('.pick-list li').count()).resolves.toBeLessThanOrEqual(8);
    const search = page.getByRole('combobox', { name: 'Leader' });
    await search.fill(blocked.leader);
    await page
      .getByRole('listbox', { name: 'Matching leaders' })
      .getByRole('option', { name: new RegExp(blocked.leader) })
      .click();
    const leaderName = await nameOf(blocked.leader);
    const rootName = await nameOf(blocked.root);
    await page.getByRole('heading', { name: leaderName, level: 2 }).waitFor();
    const pathList = page.getByRole('list', { name: `Blocking path from ${rootName} to ${leaderName}` });
    await pathList.waitFor();
    expect(await pathList.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(blocked.path);
    await expect(pathList.getByRole('button').last().textContent()).resolves.toBe(leaderName);
    await page.locator('.network-stage canvas').first().waitFor();
    await expect(page.getByRole('figure').getAttribute('aria-label')).resolves.toMatch(/^Upstream network of .+: [\d,]+ suppliers in \d+ tiers$/);
    await pathList.locator(`button[data-id="${blocked.root}"]`).click();
    const panel = page.getByRole('complementary', { name: rootName });
    await panel.getByText('Status history').waitFor();
    await expect(panel.locator('.badge-avail-down').count()).resolves.toBe(1);
    await expect(panel.locator('code').first().textContent()).resolves.toBe(blocked.root);
    await page.waitForTimeout(300); // let the graph finish its first frames before the picture
    await shot(page, 'laptop-chain-tracer');

    // Alternate suppliers: the API's top candidates, and one click runs the what-if with the link added.
    const alt = (await srv.api('GET', `/api/chains/${blocked.leader}/alternates?limit=3`)).body as {
      groups: Array<{ customer: string; part: string; candidates: Array<{ id: string; clears: string[] }> }>;
    };
    const group = alt.groups.find((g) => g.candidates.some((c) => c.clears.length))!;
    const candidate = group.candidates.find((c) => c.clears.length)!;
    const alternates = page.getByRole('region', { name: 'Alternate suppliers' });
    await expect(alternates.locator('[data-candidate]').count()).resolves.toBe(alt.groups.reduce((n, g) => n + Math.min(3, g.candidates.length), 0));
    await alternates
      .locator(`[data-candidate="${candidate.id}"]`)
      .first()
      .getByRole('link', { name: /^What if .+ supplied/ })
      .click();
    const table = page.getByTestId('whatif-changes');
    await table.waitFor();
    const cleared = await table
      .locator('tbody tr')
      .filter({ has: page.locator('.badge-chain-clear') })
      .locator('th')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(cleared.sort()).toEqual([...candidate.clears].sort());
    await page.getByText(`adding ${await nameOf(candidate.id)} as suppliers`, { exact: false }).waitFor();
    expect(errors).toEqual([]);
  });

  it('runs a what-if: resuming the top bottleneck (found by search) clears the leaders the API says it clears', async () => {
    const { page, errors } = await newPage('#/what-if');
    await signIn(page, srv.token, 'National coordinator');
    const top = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks[0];
    const expected = (await srv.api('POST', '/api/what-if', { resume: [top.id] })).body.changes.map((c: { leader: string }) => c.leader).sort();
    // Found by a part of its name (the search answers by name or id).
    const topName = await nameOf(top.id);
    await page.getByRole('combobox', { name: 'Resume enterprises' }).fill(topName.slice(2, 6));
    await page
      .getByRole('listbox')
      .first()
      .getByRole('option', { name: new RegExp(top.id) })
      .click();
    await page.getByRole('list', { name: 'Enterprises to resume' }).getByRole('listitem').waitFor();
    await page.getByRole('button', { name: 'Run what-if' }).click();
    const table = page.getByTestId('whatif-changes');
    await table.waitFor();
    expect((await table.locator('tbody th').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual(expected);
    await expect(table.locator('tbody .badge-chain-clear').count()).resolves.toBe(top.unblocksIfResumed);

    await page.getByLabel('Suspend provinces').selectOption(HUBEI);
    await page.getByRole('button', { name: 'Add province' }).click();
    await page.getByRole('list', { name: 'Enterprises to resume' }).getByRole('button').click();
    await page.getByRole('button', { name: 'Run what-if' }).click();
    await page.getByText(/By suspending Hubei: \d+ leaders? would change/).waitFor();
    await shot(page, 'laptop-what-if');
    expect(errors).toEqual([]);
  });

  it('lets a Hubei liaison acknowledge, start and resolve a task, warned first that a still-blocking supplier gets an escalated follow-up', async () => {
    const { page, errors } = await newPage();
    await signIn(page, liaisonToken, 'Provincial liaison · Hubei');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Tasks', 'Dashboard', 'Runway', 'Chains', 'What-if']);
    await page.locator('article[data-task]').first().waitFor();
    for (const assigned of await page.locator('article[data-task] .task-title p').allTextContents()) expect(assigned).toMatch(/^Assigned to Hubei/);

    const apiTasks = (await srv.api('GET', `/api/tasks?province=${HUBEI}&state=open`)).body.tasks as Array<{ id: string; supplier: string }>;
    const task = apiTasks[0];
    const supplierName = await nameOf(task.supplier);
    const card = page.locator(`article[data-task="${task.id}"]`);
    await card.waitFor();
    await expect(card.getByRole('heading', { level: 2 }).textContent()).resolves.toContain(supplierName);
    await card.getByText('Supplier contact').click();
    await card.getByText('Contact').first().waitFor();
    await shot(page, 'laptop-liaison-inbox');

    await card.getByLabel('Note (optional)').fill('Called the plant manager; restart planned.');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.locator('.badge-task-acknowledged').waitFor();
    await card.getByRole('button', { name: 'Start work' }).click();
    await card.locator('.badge-task-in_progress').waitFor();
    await card.getByLabel('Note (optional)').fill('Line restarted at 60 %.');
    await card.getByRole('button', { name: 'Mark resolved' }).click();
    // Its supplier is still down: asked first, nothing resolved yet.
    const warning = card.getByRole('alertdialog');
    await expect(warning.textContent()).resolves.toContain(`${supplierName} is still Down and blocks leaders in other provinces`);
    expect((await srv.api('GET', `/api/tasks/${task.id}`)).body.state).toBe('in_progress');
    await warning.getByRole('button', { name: 'Resolve and open the follow-up' }).click();
    // The task ends resolved and an escalated follow-up opens.
    const followUp = page.locator('article.task-escalated').filter({ hasText: `follows up ${task.id}` });
    await followUp.waitFor();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /follow-up/ })
        .textContent(),
    ).resolves.toContain(supplierName);
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

  it("shows a liaison its province's figures on the dashboard", async () => {
    const { page, errors } = await newPage('#/dashboard');
    await signIn(page, liaisonToken, 'Provincial liaison · Hubei');
    await page.getByRole('heading', { name: 'Dashboard · Hubei', level: 1 }).waitFor();
    const subtitle = await page.locator('.view-head p').textContent();
    const iso = new Date(`${/as of ([A-Z][a-z]{2} \d{1,2}, 2020)/.exec(subtitle ?? '')![1]} UTC`).toISOString().slice(0, 10);
    const own = (await srv.api('GET', `/api/stats/resumption?date=${iso}&sme=true&province=${HUBEI}`)).body;
    const national = (await srv.api('GET', `/api/stats/resumption?date=${iso}&sme=true`)).body;
    expect(own.total).not.toBe(national.total);
    await expect(page.getByTestId('headline-rate').textContent()).resolves.toBe(`${own.rate.toFixed(1)}%`);
    await expect(page.locator('.tile-own').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows a lead its own chain only: what blocks it and its suppliers by tier', async () => {
    const { page, errors } = await newPage();
    const leaderName = await nameOf(blocked.leader);
    await signIn(page, leadToken, `Chain lead · ${leaderName}`);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['My chain']);
    const pathList = page.getByRole('list', { name: `Blocking path from ${await nameOf(blocked.root)} to ${leaderName}` });
    await pathList.waitFor();
    expect(await pathList.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(blocked.path);
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
    await pathList.locator(`button[data-id="${blocked.root}"]`).click();
    await page
      .getByRole('complementary', { name: await nameOf(blocked.root) })
      .getByText('Status history')
      .waitFor();
    // The lead sees the alternates for its own chain; the what-if is not its to run.
    const alternates = page.getByRole('region', { name: 'Alternate suppliers' });
    await alternates.locator('[data-candidate]').first().waitFor();
    await expect(alternates.getByRole('link').count()).resolves.toBe(0);
    await shot(page, 'laptop-lead');
    expect(errors).toEqual([]);
  });

  it('starts the status form from the current status (never Resumed for a suspended plant) and says what it means for the chains', async () => {
    const { page, errors } = await newPage(`#/report/${blocked.root}`);
    await signIn(page, srv.token, 'National coordinator');
    const e = (await srv.api('GET', `/api/enterprises/${blocked.root}`)).body;
    expect(e.currentStatus ?? e.status).toBe('suspended');
    const clears = (await srv.api('POST', '/api/what-if', { resume: [blocked.root] })).body.changes.length;
    await page.getByRole('heading', { name: `New report for ${e.name}` }).waitFor();
    await expect(page.getByRole('radio', { name: /^Suspended/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: /^Resumed/ }).isChecked()).resolves.toBe(false);
    const meaning = page.getByTestId('status-meaning');
    await meaning.getByText(clears ? new RegExp(`If it resumed, ${clears} leaders? would be clear`) : /would clear no leader/).waitFor();
    await meaning.getByText(await nameOf(blocked.leader)).waitFor();
    await page.getByRole('radio', { name: /^Resumed/ }).check();
    await page.getByText('This report changes the status from Suspended to Resumed.').waitFor();
    expect(errors).toEqual([]);
  });

  it('lets a reporter report its enterprise status and see it in the history', async () => {
    const { page, errors } = await newPage();
    await signIn(page, reporterToken, `Status reporter · ${await nameOf('S-000149')}`);
    await page.getByRole('radio', { name: /^Partial/ }).check();
    await page.getByLabel('Capacity (%)').fill('60');
    await page.getByLabel('As of').fill('2020-03-24');
    await page.getByLabel('Note').fill('Half the staff are back.');
    await page.getByRole('button', { name: 'Report status' }).click();
    await page.getByText('Reported Partial (60 %) as of Mar 24, 2020.').first().waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('Half the staff are back.').waitFor();
    expect((await srv.api('GET', '/api/enterprises/S-000149')).body.currentStatus).toBe('partial');
    // The form now starts from what was reported.
    await expect(page.getByRole('radio', { name: /^Partial/ }).isChecked()).resolves.toBe(true);
    await shot(page, 'laptop-reporter');
    expect(errors).toEqual([]);
  });

  it('shows the runway: leaders that stop soonest, the binding supplier, its expected return and the gap', async () => {
    const { page, errors } = await newPage('#/runway');
    await signIn(page, srv.token, 'National coordinator');
    const runway = (await srv.api('GET', '/api/runway?within=30')).body as { date: string; leaders: Array<{ leader: string; stopsOn: string; bindingRoot: string | null }> };
    const back = new Map(
      ((await srv.api('GET', '/api/bottlenecks')).body.bottlenecks as Array<{ id: string; expectedResumeOn?: string | null }>).map((b) => [b.id, b.expectedResumeOn ?? null]),
    );
    const table = page.getByTestId('runway');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((els) => els.map((e) => ({ leader: e.getAttribute('data-leader'), gap: e.classList.contains('row-gap') })));
    const soonest = [...runway.leaders].sort((a, b) => a.stopsOn.localeCompare(b.stopsOn) || a.leader.localeCompare(b.leader)).slice(0, 15);
    expect(rows.map((r) => r.leader)).toEqual(soonest.map((l) => l.leader));
    // A gap is marked exactly where the binding supplier is back after the line stops.
    expect(rows.map((r) => r.gap)).toEqual(
      soonest.map((l) => {
        const b = l.bindingRoot ? back.get(l.bindingRoot) : null;
        return !!b && b > l.stopsOn;
      }),
    );
    await page
      .getByText(`from ${new Date(`${runway.date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}`)
      .first()
      .waitFor();
    await shot(page, 'laptop-runway');
    expect(errors).toEqual([]);
  });

  it("puts a province's requests beside its tasks, most weighty first, with the supplier's latest request on the task card", async () => {
    const hubeiTask = ((await srv.api('GET', `/api/tasks?province=${HUBEI}&state=active`)).body.tasks as Array<{ id: string; supplier: string }>)[0];
    const raised = await srv.api('POST', '/api/requests', {
      enterprise: hubeiTask.supplier,
      category: 'workforce',
      title: 'Workers held in quarantine',
      description: 'Half the line workers cannot return from their home villages.',
    });
    expect(raised.status).toBe(201);
    const { page, errors } = await newPage('#/inbox');
    await signIn(page, liaisonToken, 'Provincial liaison · Hubei');
    const column = page.getByRole('region', { name: 'Requests' });
    const card = column.locator(`article[data-request="${raised.body.id}"]`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('Workforce');
    const task = page.locator(`article[data-task="${hubeiTask.id}"]`);
    // The newest active request of the task's supplier (the demo may have raised others on the same day).
    await task.locator('.latest-request').waitFor();
    const titles = await Promise.all(
      ((await srv.api('GET', `/api/tasks/${hubeiTask.id}`)).body.requests as Array<string | { id: string }>).map(
        async (r) => (await srv.api('GET', `/api/requests/${typeof r === 'string' ? r : r.id}`)).body.title as string,
      ),
    );
    expect(titles).toContain('Workers held in quarantine');
    const shown = (await task.locator('.latest-request').textContent())!;
    expect(titles.some((x) => shown.startsWith(`Latest request: ${x} ·`))).toBe(true);
    await shot(page, 'laptop-liaison-inbox-requests');
    // Rejecting needs a reason; accepting does not.
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.getByRole('alert').getByText('Write the reason for rejecting in the note first.').waitFor();
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.locator('.badge-req-accepted').waitFor();
    expect((await srv.api('GET', `/api/requests/${raised.body.id}`)).body.state).toBe('accepted');
    expect(errors).toEqual([]);
  });

  it('issues a lead token for a leader found by name, which signs in as that lead, and revokes it', async () => {
    const { page, errors } = await newPage('#/access');
    await signIn(page, srv.token, 'National coordinator');
    await page.getByLabel('Role').selectOption('lead');
    const leaderName = await nameOf(blocked.leader);
    await page.getByRole('combobox', { name: 'Leader' }).fill(leaderName.slice(0, 5));
    await page
      .getByRole('listbox')
      .getByRole('option', { name: new RegExp(blocked.leader) })
      .click();
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = (await page.getByTestId('issued-token').textContent())!;
    const id = await page.locator('[data-token-id]').first().getAttribute('data-token-id');
    const issued = ((await srv.api('GET', '/api/tokens')).body.tokens as Array<{ id: string; role: string; enterprise?: string }>).find((x) => x.id === id)!;
    expect(issued).toMatchObject({ role: 'lead', enterprise: blocked.leader });
    await shot(page, 'laptop-access');

    const other = await newPage();
    await signIn(other.page, token, `Chain lead · ${leaderName}`);
    const row = page.locator(`tr[data-token-id="${id}"]`);
    await row.getByRole('button', { name: /^Revoke the token of/ }).click();
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByText(/^revoked /).waitFor();
    expect(((await srv.api('GET', '/api/tokens')).body.tokens as Array<{ id: string; revokedAt?: string }>).find((x) => x.id === issued.id)!.revokedAt).toBeDefined();
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
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

  describe.each<Lang2>(['zh-CN', 'en'])('every view in %s', (lang) => {
    /** Each role's views: the hash, what shows it is ready, its screenshot name. */
    const views = (): Array<{ token: () => string; identity: () => Promise<string>; hash: string; ready: (p: Page) => Promise<unknown>; name: string }> => [
      {
        token: () => srv.token,
        identity: async () => msg(lang, 'role.coordinator'),
        hash: '#/dashboard',
        ready: (p) =>
          p
            .locator('.tilemap svg')
            .waitFor()
            .then(() => p.locator('.trend canvas').waitFor()),
        name: 'dashboard',
      },
      {
        token: () => srv.token,
        identity: async () => msg(lang, 'role.coordinator'),
        hash: `#/chains/${blocked.leader}`,
        ready: (p) => p.locator('.network-stage canvas').first().waitFor(),
        name: 'chains',
      },
      { token: () => srv.token, identity: async () => msg(lang, 'role.coordinator'), hash: '#/inbox', ready: (p) => p.locator('article.task').first().waitFor(), name: 'tasks' },
      {
        token: () => srv.token,
        identity: async () => msg(lang, 'role.coordinator'),
        hash: `#/what-if?resume=${blocked.root}`,
        ready: (p) => p.getByTestId('whatif-changes').waitFor(),
        name: 'what-if',
      },
      {
        token: () => srv.token,
        identity: async () => msg(lang, 'role.coordinator'),
        hash: `#/report/${blocked.root}`,
        ready: (p) =>
          p
            .locator('.report-history table, .report-history p.muted')
            .first()
            .waitFor()
            .then(() => p.getByTestId('status-meaning').filter({ hasNotText: '…' }).waitFor()),
        name: 'report',
      },
      { token: () => srv.token, identity: async () => msg(lang, 'role.coordinator'), hash: '#/runway', ready: (p) => p.getByTestId('runway').waitFor(), name: 'runway' },
      {
        token: () => srv.token,
        identity: async () => msg(lang, 'role.coordinator'),
        hash: '#/access',
        ready: (p) => p.locator('table tbody tr').first().waitFor(),
        name: 'access',
      },
      {
        token: () => liaisonToken,
        identity: async () => `${msg(lang, 'role.liaison')} · ${lang === 'en' ? 'Hubei' : '湖北省'}`,
        hash: '#/inbox',
        ready: (p) => p.locator('article.task').first().waitFor(),
        name: 'liaison-inbox',
      },
      {
        token: () => liaisonToken,
        identity: async () => `${msg(lang, 'role.liaison')} · ${lang === 'en' ? 'Hubei' : '湖北省'}`,
        hash: '#/dashboard',
        ready: (p) => p.locator('.tilemap svg').waitFor(),
        name: 'liaison-dashboard',
      },
      {
        token: () => leadToken,
        identity: async () => `${msg(lang, 'role.lead')} · ${await nameOf(blocked.leader)}`,
        hash: '#/chain',
        ready: (p) => p.locator('details.tier').first().waitFor(),
        name: 'lead',
      },
      {
        token: () => reporterToken,
        identity: async () => `${msg(lang, 'role.reporter')} · ${await nameOf('S-000149')}`,
        hash: '#/report',
        ready: (p) => p.locator('.report-form').waitFor(),
        name: 'reporter',
      },
    ];

    it('passes the accessibility audit and is pictured at laptop and phone width', async () => {
      const { page, errors } = await newPage('', LAPTOP, lang);
      await audit(page, `${lang} sign-in`);
      await shot(page, `${lang}-laptop-sign-in`);
      let token = '';
      for (const v of views()) {
        if (v.token() !== token) {
          await page.evaluate('sessionStorage.clear()');
          await page.goto(`${srv.url}/${v.hash}`);
          await page.reload();
          await signIn(page, v.token(), await v.identity(), lang);
          token = v.token();
        } else {
          await page.goto(`${srv.url}/${v.hash}`);
        }
        await v.ready(page);
        await expect(page.evaluate('document.documentElement.lang')).resolves.toBe(lang);
        // Nothing untranslated: no English label left on a Chinese page (names and ids aside).
        if (lang === 'zh-CN') {
          const nav = await page
            .getByRole('navigation', { name: msg(lang, 'app.navLabel') })
            .getByRole('link')
            .allTextContents();
          for (const label of nav) expect(label).toMatch(/[\u4e00-\u9fff]/);
        }
        await audit(page, `${lang} ${v.name}`);
        await shot(page, `${lang}-laptop-${v.name}`);
        await page.setViewportSize(PHONE);
        await page.waitForTimeout(150);
        expect(await fitsWidth(page)).toBe(true);
        await shot(page, `${lang}-phone-${v.name}`);
        await page.setViewportSize(LAPTOP);
      }
      expect(errors).toEqual([]);
    }, 240_000);
  });
});
