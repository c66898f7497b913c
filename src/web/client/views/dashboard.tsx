/**
 * The dashboard: SME resumption on the data date and its change since a chosen day, the
 * province tile map, the trend, blocked leaders (paged), top bottlenecks and tasks by
 * province and state. A liaison's figures are its province's. Task events from the live
 * feed refresh the panels in place (focus and scroll stay where they are).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Query } from '../api';
import { useTitle, type ViewProps } from '../app';
import { capabilities, type Capabilities } from '../capabilities';
import { dataDate, isSmeFilter, smeQuery } from '../figures';
import { ReportingCard } from '../reporting';
import { addDays, fmtDate, fmtNum, fmtPct, fmtPoints, t, tn } from '../i18n';
import { ChainBadge, partText, ProvinceName, provinceText, taskStateText } from '../labels';
import type { Bottleneck, Bottlenecks, ChainList, ChainSummary, ResumptionFigure, Task, TaskPage, TaskState } from '../model';
import { Ent, nameOf, useNames } from '../names';
import { ProvinceMap } from '../province-map';
import { TrendChart } from '../trend-chart';
import { ErrorNote, Loading, Pager, Show, useLoad } from '../ui';

const ACTIVE: TaskState[] = ['open', 'acknowledged', 'in_progress'];
const TOP_BOTTLENECKS = 10;
const LEADERS_PAGE = 10;
const REFRESH_DEBOUNCE_MS = 400;
const DEFAULT_SINCE_DAYS = 7;

type Settled<T> = T | Error;
const settle = <T,>(p: Promise<T>): Promise<Settled<T>> => p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));

interface Basis {
  date: string;
  filter: Query;
  caps: Capabilities;
}

export function DashboardView({ ctx }: ViewProps) {
  const { api, session } = ctx;
  const own = session.role === 'liaison' ? session.province : undefined;
  useTitle(own ? t('dash.titleProvince', { province: provinceText(own) }) : t('dash.title'));
  const basis = useLoad<Basis>(async () => {
    const date = await dataDate(api);
    return { date, filter: await smeQuery(api), caps: await capabilities(api) };
  }, []);
  return (
    <div class="view">
      <div class="view-head">
        <h1>{own ? t('dash.titleProvince', { province: provinceText(own) }) : t('dash.title')}</h1>
        {basis.data ? <p class="muted">{t('dash.dataDate', { date: fmtDate(basis.data.date) })}</p> : null}
      </div>
      <Show load={basis}>{(b) => <Panels {...{ ctx, own, basis: b }} />}</Show>
    </div>
  );
}

function Panels(props: { ctx: ViewProps['ctx']; own?: string; basis: Basis }) {
  const { ctx, own, basis } = props;
  const { api } = ctx;
  const [since, setSince] = useState(addDays(basis.date, -DEFAULT_SINCE_DAYS));
  const region = own ? { province: own } : {};
  const figure = useLoad(() => api.get<ResumptionFigure>('/api/stats/resumption', { date: basis.date, since, ...basis.filter, ...region }), [since]);
  const snapshot = useLoad(async () => {
    const [chains, bottlenecks, tasks, provinces] = await Promise.all([
      settle(api.get<ChainList>('/api/chains').then((r) => r.chains)),
      settle(api.get<Bottlenecks>('/api/bottlenecks').then((r) => r.bottlenecks)),
      settle(fetchTasks()),
      settle(api.get<ResumptionFigure>('/api/stats/resumption', { date: basis.date, by: 'province', ...basis.filter }).then((r) => r.by ?? [])),
    ]);
    return { chains, bottlenecks, tasks, provinces };
  }, []);

  async function fetchTasks(): Promise<Task[] | null> {
    try {
      return (await api.get<TaskPage>('/api/tasks', { state: 'active', limit: 1000 })).tasks;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = ctx.live?.subscribe({
      onEvent: () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void snapshot.reload({ quiet: true }), REFRESH_DEBOUNCE_MS);
      },
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe?.();
    };
  }, []);

  const s = snapshot.data;
  useNames(api, s && !(s.bottlenecks instanceof Error) ? s.bottlenecks.slice(0, TOP_BOTTLENECKS).map((b) => b.id) : []);
  const tasks = s && !(s.tasks instanceof Error) ? s.tasks : null;
  return (
    <>
      <section class="kpis" aria-label={t('dash.kpis')}>
        <div class="kpi kpi-headline">
          <span class="kpi-label">{isSmeFilter(basis.filter) ? t('dash.kpi.sme') : t('dash.kpi.suppliers')}</span>
          {figure.error ? (
            <ErrorNote error={figure.error} />
          ) : figure.data ? (
            <>
              <span class="kpi-value" data-testid="headline-rate">
                {fmtPct(figure.data.rate)}
              </span>
              <span class="kpi-detail">{t('dash.kpi.resumedOf', { resumed: fmtNum(figure.data.resumed), total: fmtNum(figure.data.total), date: fmtDate(figure.data.date) })}</span>
              {typeof figure.data.changePoints === 'number' ? (
                <span class={`kpi-change ${figure.data.changePoints >= 0 ? 'text-ok' : 'text-alert'}`} data-testid="headline-change">
                  {t('dash.kpi.change', { points: fmtPoints(figure.data.changePoints), since: fmtDate(since) })}
                </span>
              ) : null}
            </>
          ) : (
            <Loading />
          )}
          <label class="kpi-since">
            <span>{t('dash.since')}</span>
            <input
              type="date"
              value={since}
              max={basis.date}
              onChange={(e) => {
                const v = (e.target as HTMLInputElement).value;
                if (v) setSince(v);
              }}
            />
          </label>
        </div>
        {s && !(s.chains instanceof Error) ? (
          <Kpi
            label={t('dash.kpi.blocked')}
            value={fmtNum(s.chains.filter((c) => c.state !== 'clear').length)}
            detail={tn('dash.kpi.ofLeaders', s.chains.length)}
            tone={s.chains.some((c) => c.state !== 'clear') ? 'kpi-alert' : 'kpi-ok'}
          />
        ) : null}
        {s && !(s.bottlenecks instanceof Error) ? (
          <Kpi
            label={t('dash.kpi.bottlenecks')}
            value={fmtNum(s.bottlenecks.length)}
            detail={
              s.bottlenecks[0] ? tn('dash.kpi.top', s.bottlenecks[0].blockedLeaders, { name: s.bottlenecks[0].name ?? nameOf(s.bottlenecks[0].id) }) : t('dash.kpi.noBottleneck')
            }
            tone={s.bottlenecks.length ? 'kpi-warn' : 'kpi-ok'}
          />
        ) : null}
        {tasks ? (
          <Kpi
            label={t('dash.kpi.tasks')}
            value={fmtNum(tasks.length)}
            detail={t('dash.kpi.escalated', { n: tasks.filter((x) => x.escalated).length })}
            tone={tasks.some((x) => x.escalated) ? 'kpi-alert' : ''}
          />
        ) : null}
      </section>
      <div class="grid">
        <TrendChart api={api} to={basis.date} filter={basis.filter} ownProvince={own} />
        <section class="card" aria-labelledby="map-title">
          <h2 id="map-title">{t('map.title')}</h2>
          {!s ? (
            <Loading />
          ) : s.provinces instanceof Error ? (
            <ErrorNote error={s.provinces} />
          ) : (
            <ProvinceMap figures={s.provinces} tasks={tasks} own={own} date={fmtDate(basis.date)} />
          )}
        </section>
        <section class="card" aria-labelledby="bottlenecks-title">
          <h2 id="bottlenecks-title">{t('dash.bottlenecksTitle')}</h2>
          {!s ? <Loading /> : s.bottlenecks instanceof Error ? <ErrorNote error={s.bottlenecks} /> : <BottleneckTable list={s.bottlenecks} own={own} />}
        </section>
        <section class="card" aria-labelledby="blocked-title">
          <h2 id="blocked-title">{t('dash.blockedTitle')}</h2>
          {!s ? <Loading /> : s.chains instanceof Error ? <ErrorNote error={s.chains} /> : <BlockedLeaders chains={s.chains} api={api} />}
        </section>
        {basis.caps.reporting ? <ReportingCard api={api} date={basis.date} province={own} /> : null}
        {s && s.tasks !== null ? (
          <section class="card card-wide" aria-labelledby="tasks-title">
            <div class="card-head">
              <h2 id="tasks-title">{t('dash.tasksTitle')}</h2>
              <a class="btn btn-quiet btn-small" href="#/inbox">
                {t('dash.openTasks')}
              </a>
            </div>
            {s.tasks instanceof Error ? <ErrorNote error={s.tasks} /> : <TaskMatrix tasks={s.tasks} />}
          </section>
        ) : null}
      </div>
    </>
  );
}

function Kpi(props: { label: string; value: string; detail: string; tone?: string }) {
  return (
    <div class={`kpi ${props.tone ?? ''}`}>
      <span class="kpi-label">{props.label}</span>
      <span class="kpi-value">{props.value}</span>
      <span class="kpi-detail">{props.detail}</span>
    </div>
  );
}

function BlockedLeaders(props: { chains: ChainSummary[]; api: ViewProps['ctx']['api'] }) {
  const [page, setPage] = useState(0);
  const blocked = props.chains.filter((c) => c.state !== 'clear');
  // Soonest stop first when the server knows stop dates; else as listed.
  blocked.sort((a, b) => (a.stopsOn ?? '9999').localeCompare(b.stopsOn ?? '9999'));
  const shown = blocked.slice(page * LEADERS_PAGE, (page + 1) * LEADERS_PAGE);
  useNames(
    props.api,
    shown.flatMap((c) => [c.leader, ...c.rootCauses.slice(0, 3)]),
  );
  if (!blocked.length) return <p class="empty">{t('dash.allClear')}</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="table table-stack table-names">
          <thead>
            <tr>
              <th scope="col">{t('col.leader')}</th>
              <th scope="col">{t('col.state')}</th>
              <th scope="col">{t('col.lostParts')}</th>
              <th scope="col">{t('col.rootCauses')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.leader}>
                <th scope="row">
                  <a href={`#/chains/${encodeURIComponent(c.leader)}`} title={c.leader}>
                    {c.name ?? nameOf(c.leader)}
                  </a>
                </th>
                <td>
                  <ChainBadge state={c.state} />
                </td>
                <td data-label={t('col.lostParts')}>{c.lostParts.map(partText).join(t('common.listSep')) || '–'}</td>
                <td data-label={t('col.rootCauses')}>
                  {c.rootCauses.slice(0, 3).map((r, i) => (
                    <>
                      {i ? t('common.listSep') : ''}
                      <Ent id={r} />
                    </>
                  ))}
                  {c.rootCauses.length > 3 ? <span class="muted"> {t('common.more', { n: c.rootCauses.length - 3 })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager total={blocked.length} page={page} size={LEADERS_PAGE} onPage={setPage} label={t('dash.blockedPager')} />
    </>
  );
}

function BottleneckTable(props: { list: Bottleneck[]; own?: string }) {
  if (!props.list.length) return <p class="empty">{t('dash.noBottlenecks')}</p>;
  return (
    <div class="table-wrap">
      <table class="table table-stack">
        <thead>
          <tr>
            <th scope="col">{t('col.supplier')}</th>
            <th scope="col">{t('col.province')}</th>
            <th scope="col" class="num">
              <abbr title={t('col.leadersHint')}>{t('col.leaders')}</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title={t('col.blockedHint')}>{t('col.blocked')}</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title={t('col.clearsHint')}>{t('col.clears')}</abbr>
            </th>
            <th scope="col">
              <span class="sr-only">{t('col.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.list.slice(0, TOP_BOTTLENECKS).map((b) => (
            <tr class={b.province === props.own ? 'row-own' : ''} key={b.id}>
              <th scope="row">
                <Ent id={b.id} name={b.name} />
              </th>
              <td>
                <ProvinceName code={b.province} />
              </td>
              <td class="num" data-label={t('col.leaders')}>
                {fmtNum(b.blockedLeaders)}
              </td>
              <td class="num" data-label={t('col.blocked')}>
                {fmtNum(b.blockedEnterprises)}
              </td>
              <td class="num" data-label={t('col.clears')}>
                {fmtNum(b.unblocksIfResumed)}
              </td>
              <td>
                <a class="btn btn-quiet btn-small" href={`#/what-if?resume=${encodeURIComponent(b.id)}`} aria-label={t('dash.whatIfAria', { name: b.name ?? nameOf(b.id) })}>
                  {t('nav.whatIf')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskMatrix(props: { tasks: Task[] }) {
  if (!props.tasks.length) return <p class="empty">{t('dash.noTasks')}</p>;
  const rows = new Map<string, Record<TaskState | 'escalated', number>>();
  for (const task of props.tasks) {
    const r = rows.get(task.assigneeProvince) ?? { open: 0, acknowledged: 0, in_progress: 0, resolved: 0, cleared: 0, escalated: 0 };
    r[task.state] += 1;
    if (task.escalated) r.escalated += 1;
    rows.set(task.assigneeProvince, r);
  }
  const total = (r: Record<TaskState, number>) => ACTIVE.reduce((a, st) => a + r[st], 0);
  const sorted = [...rows].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('col.assignedProvince')}</th>
            {ACTIVE.map((st) => (
              <th scope="col" class="num">
                {taskStateText(st)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('task.escalated')}
            </th>
            <th scope="col" class="num">
              {t('col.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(([code, r]) => (
            <tr key={code}>
              <th scope="row">
                <a href={`#/inbox?province=${code}`}>
                  <ProvinceName code={code} />
                </a>
              </th>
              {ACTIVE.map((st) => (
                <td class="num">{r[st] ? fmtNum(r[st]) : <span class="muted">0</span>}</td>
              ))}
              <td class="num">{r.escalated ? <strong class="text-alert">{fmtNum(r.escalated)}</strong> : <span class="muted">0</span>}</td>
              <td class="num">
                <strong>{fmtNum(total(r))}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
