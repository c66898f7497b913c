/**
 * The dashboard: the resumption trend, blocked leaders, top bottlenecks and tasks by
 * province and state. Task events from the live feed refresh the panels in place.
 */
import { ApiError } from '../api';
import type { Ctx, View } from '../app';
import { h, replace, ErrorNote } from '../dom';
import { ChainBadge, formatPct, plural, ProvinceName, provinceText, TASK_STATE_TEXT } from '../labels';
import type { Bottleneck, ChainSummary, ResumptionFigure, Task, TaskPage, TaskState } from '../model';
import { TREND_FROM, TrendChart } from '../trend-chart';

const ACTIVE: TaskState[] = ['open', 'acknowledged', 'in_progress'];
const TOP_BOTTLENECKS = 10;
const REFRESH_DEBOUNCE_MS = 400;

interface Snapshot {
  chains: ChainSummary[] | Error;
  bottlenecks: Bottleneck[] | Error;
  /** null: the deployment has no task service. */
  tasks: Task[] | Error | null;
  figure: ResumptionFigure | Error;
}

export function dashboardView(ctx: Ctx): View {
  const { api, session } = ctx;
  const trend = new TrendChart(api, session.province);
  const kpis = <section class="kpis" aria-label="Key figures" aria-live="polite" />;
  const leaders = <section class="card" aria-labelledby="blocked-title" />;
  const bottlenecks = <section class="card" aria-labelledby="bottlenecks-title" />;
  const tasks = <section class="card card-wide" aria-labelledby="tasks-title" />;
  let disposed = false;

  async function fetchTasks(): Promise<Task[] | null> {
    try {
      const page = await api.get<TaskPage>('/api/tasks', { state: 'active', limit: 1000 });
      return page.tasks;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  async function load(): Promise<void> {
    const settle = <T,>(p: Promise<T>) => p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const [c, b, t, f] = await Promise.all([
      settle(api.get<{ chains: ChainSummary[] }>('/api/chains').then((r) => r.chains)),
      settle(api.get<{ bottlenecks: Bottleneck[] }>('/api/bottlenecks').then((r) => r.bottlenecks)),
      settle(fetchTasks()),
      settle(api.get<ResumptionFigure>('/api/stats/resumption', { role: 'supplier', since: TREND_FROM })),
    ]);
    if (disposed) return;
    render({ chains: c, bottlenecks: b, tasks: t, figure: f });
  }

  function render(s: Snapshot): void {
    replace(kpis, kpiCards(s));
    replace(leaders, <h2 id="blocked-title">Blocked leaders</h2>, s.chains instanceof Error ? <ErrorNote error={s.chains} /> : blockedLeaders(s.chains));
    replace(
      bottlenecks,
      <h2 id="bottlenecks-title">Top bottlenecks</h2>,
      s.bottlenecks instanceof Error ? <ErrorNote error={s.bottlenecks} /> : bottleneckTable(s.bottlenecks, session.province),
    );
    tasks.hidden = s.tasks === null;
    if (s.tasks !== null) {
      replace(
        tasks,
        <div class="card-head">
          <h2 id="tasks-title">Tasks by province and state</h2>
          <a class="btn btn-quiet btn-small" href="#/inbox">
            Open the task list
          </a>
        </div>,
        s.tasks instanceof Error ? <ErrorNote error={s.tasks} /> : taskMatrix(s.tasks),
      );
    }
  }

  let timer: number | undefined;
  const unsubscribe = ctx.live?.subscribe({
    onEvent: () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), REFRESH_DEBOUNCE_MS);
    },
  });

  replace(kpis, <p class="muted loading">Loading…</p>);
  // The panels first: the trend's series takes the server a few seconds.
  void load().then(() => {
    if (!disposed) trend.start();
  });

  return {
    title: 'Dashboard',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>{session.role === 'liaison' && session.province ? `Dashboard · ${provinceText(session.province)}` : 'National dashboard'}</h1>
        </div>
        {kpis}
        <div class="grid">
          {trend.el}
          {leaders}
          {bottlenecks}
          {tasks}
        </div>
      </div>
    ),
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
      unsubscribe?.();
      trend.dispose();
    },
  };
}

function kpi(label: string, value: string, detail: string, tone = ''): HTMLElement {
  return (
    <div class={`kpi ${tone}`}>
      <span class="kpi-label">{label}</span>
      <span class="kpi-value">{value}</span>
      <span class="kpi-detail">{detail}</span>
    </div>
  );
}

function kpiCards(s: Snapshot): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (!(s.figure instanceof Error)) {
    const f = s.figure;
    const change = f.changePoints === undefined ? '' : `${f.changePoints >= 0 ? '+' : ''}${f.changePoints.toFixed(1)} pts since ${f.since}`;
    out.push(kpi('SMEs resumed', formatPct(f.rate), `${f.resumed.toLocaleString('en')} of ${f.total.toLocaleString('en')} on ${f.date}${change ? ` · ${change}` : ''}`));
  }
  if (!(s.chains instanceof Error)) {
    const notClear = s.chains.filter((c) => c.state !== 'clear').length;
    out.push(kpi('Blocked leaders', String(notClear), `of ${plural(s.chains.length, 'leader')}`, notClear ? 'kpi-alert' : 'kpi-ok'));
  }
  if (!(s.bottlenecks instanceof Error)) {
    const top = s.bottlenecks[0];
    out.push(
      kpi('Bottlenecks', String(s.bottlenecks.length), top ? `top: ${top.id} blocks ${plural(top.blockedLeaders, 'leader')}` : 'no down supplier blocks anyone', s.bottlenecks.length ? 'kpi-warn' : 'kpi-ok'),
    );
  }
  if (s.tasks !== null && !(s.tasks instanceof Error)) {
    const escalated = s.tasks.filter((t) => t.escalated).length;
    out.push(kpi('Active tasks', String(s.tasks.length), `${escalated} escalated`, escalated ? 'kpi-alert' : ''));
  }
  return out;
}

function blockedLeaders(chains: ChainSummary[]): HTMLElement {
  const blocked = chains.filter((c) => c.state !== 'clear');
  if (!blocked.length) return <p class="empty">Every leader's chain is clear.</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Leader</th>
            <th scope="col">State</th>
            <th scope="col">Lost parts</th>
            <th scope="col">Root causes</th>
          </tr>
        </thead>
        <tbody>
          {blocked.map((c) => (
            <tr>
              <th scope="row">
                <a href={`#/chains/${encodeURIComponent(c.leader)}`}>{c.leader}</a>
              </th>
              <td>
                <ChainBadge state={c.state} />
              </td>
              <td>{c.lostParts.join(', ') || '–'}</td>
              <td>
                {c.rootCauses.map((r) => (
                  <code class="id">{r}</code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function bottleneckTable(list: Bottleneck[], ownProvince?: string): HTMLElement {
  if (!list.length) return <p class="empty">No down supplier blocks any enterprise.</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Supplier</th>
            <th scope="col">Province</th>
            <th scope="col" class="num">
              <abbr title="Blocked leaders it is a root cause of">Leaders</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title="Blocked enterprises it is a root cause of">Blocked</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title="Blocked leaders that clear if it alone resumes">Clears</abbr>
            </th>
            <th scope="col">
              <span class="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, TOP_BOTTLENECKS).map((b) => (
            <tr class={b.province === ownProvince ? 'row-own' : ''}>
              <th scope="row">
                <code class="id">{b.id}</code>
              </th>
              <td>
                <ProvinceName code={b.province} />
              </td>
              <td class="num">{b.blockedLeaders}</td>
              <td class="num">{b.blockedEnterprises}</td>
              <td class="num">{b.unblocksIfResumed}</td>
              <td>
                <a class="btn btn-quiet btn-small" href={`#/what-if?resume=${encodeURIComponent(b.id)}`} aria-label={`What if ${b.id} resumed?`}>
                  What-if
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function taskMatrix(tasks: Task[]): HTMLElement {
  if (!tasks.length) return <p class="empty">No active cross-province tasks.</p>;
  const rows = new Map<string, Record<TaskState | 'escalated', number>>();
  for (const t of tasks) {
    const r = rows.get(t.assigneeProvince) ?? { open: 0, acknowledged: 0, in_progress: 0, resolved: 0, cleared: 0, escalated: 0 };
    r[t.state] += 1;
    if (t.escalated) r.escalated += 1;
    rows.set(t.assigneeProvince, r);
  }
  const total = (r: Record<TaskState, number>) => ACTIVE.reduce((a, s) => a + r[s], 0);
  const sorted = [...rows].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Assigned province</th>
            {ACTIVE.map((s) => (
              <th scope="col" class="num">
                {TASK_STATE_TEXT[s]}
              </th>
            ))}
            <th scope="col" class="num">
              Escalated
            </th>
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(([code, r]) => (
            <tr>
              <th scope="row">
                <a href={`#/inbox?province=${code}`}>
                  <ProvinceName code={code} />
                </a>
              </th>
              {ACTIVE.map((s) => (
                <td class="num">{r[s] || <span class="muted">0</span>}</td>
              ))}
              <td class="num">{r.escalated ? <strong class="text-alert">{r.escalated}</strong> : <span class="muted">0</span>}</td>
              <td class="num">
                <strong>{total(r)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
