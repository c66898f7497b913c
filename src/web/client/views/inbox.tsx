/**
 * The task inbox: a liaison's province's cross-province tasks (a coordinator's: any
 * province's), most urgent first, escalated ones marked; acknowledge, start and resolve
 * with a note. Live task events refresh the list in place: a note being typed, the focus
 * and the selection stay.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { capabilities } from '../capabilities';
import { useTitle, type ViewProps } from '../app';
import { fmtDate, fmtNum, fmtTime, t, tn, type MessageKey } from '../i18n';
import { EscalatedBadge, PROVINCES, ProvinceName, provinceText, taskStateText, TaskStateBadge } from '../labels';
import type { Enterprise, Task, TaskAction, TaskPage, TaskState, TaskWritten } from '../model';
import { Ent, nameOf, useNames } from '../names';
import { fetchRequests, LatestRequest, latestByEnterprise, RequestsColumn, type EnterpriseRequest } from '../requests';
import { ErrorNote, Show, useId, useLoad } from '../ui';

/** The one action each active state allows. */
const NEXT: Partial<Record<TaskState, { action: TaskAction; label: MessageKey; done: MessageKey }>> = {
  open: { action: 'ack', label: 'inbox.ack', done: 'inbox.done.ack' },
  acknowledged: { action: 'start', label: 'inbox.start', done: 'inbox.done.start' },
  in_progress: { action: 'resolve', label: 'inbox.resolve', done: 'inbox.done.resolve' },
};

const PAGE_SIZE = 200;
/** Beyond this the list is cut short and says so: filters narrow it. */
const MAX_TASKS = 1000;
const STATE_FILTERS = ['active', 'open', 'acknowledged', 'in_progress', 'resolved', 'cleared', ''] as const;

export function InboxView({ ctx, params }: ViewProps) {
  const { api, session } = ctx;
  const isCoordinator = session.role === 'coordinator';
  useTitle(isCoordinator ? t('inbox.titleAll') : t('inbox.title'));
  const [state, setState] = useState(params.get('state') ?? 'active');
  const [escalated, setEscalated] = useState(params.get('escalated') === 'true');
  const [province, setProvince] = useState(params.get('province') ?? '');
  const truncated = useRef(false);

  /** Every page of the filtered list, up to MAX_TASKS, most urgent first. */
  async function fetchTasks(minRevision?: number): Promise<Task[] | null> {
    try {
      const tasks: Task[] = [];
      let cursor: string | undefined;
      do {
        const page: TaskPage = await api.get<TaskPage>('/api/tasks', {
          state: state || undefined,
          escalated: escalated ? 'true' : undefined,
          province: isCoordinator ? province || undefined : undefined,
          limit: PAGE_SIZE,
          cursor,
          minRevision,
        });
        tasks.push(...page.tasks);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && tasks.length < MAX_TASKS);
      truncated.current = cursor !== undefined;
      // A server that knows stop dates already lists the most urgent first (CONTRACT §7).
      if (tasks.some((x) => x.stopsOn !== undefined)) return tasks;
      return tasks.sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
  const minRevision = useRef<number | undefined>(undefined);
  const list = useLoad(() => fetchTasks(minRevision.current), [state, escalated, province]);
  const caps = useLoad(() => capabilities(api), []);
  const withRequests = caps.data?.requests === true;
  // Requests beside the tasks: the same province (a coordinator's filter), active ones.
  const requests = useLoad<EnterpriseRequest[] | null>(
    async () => (withRequests ? fetchRequests(api, { province: isCoordinator ? province || undefined : undefined, state: 'active' }) : null),
    [withRequests, province],
  );
  const latest = latestByEnterprise(requests.data ?? []);
  const requestsById = new Map((requests.data ?? []).map((r) => [r.id, r]));

  useEffect(() => {
    const q = new URLSearchParams();
    if (state !== 'active') q.set('state', state);
    if (escalated) q.set('escalated', 'true');
    if (isCoordinator && province) q.set('province', province);
    history.replaceState(null, '', `#/inbox${q.toString() ? `?${q}` : ''}`);
  }, [state, escalated, province]);

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = ctx.live?.subscribe({
      onEvent: () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          void list.reload({ quiet: true });
          void requests.reload({ quiet: true });
        }, 400);
      },
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe?.();
    };
  }, []);

  async function afterAction(task: Task, done: MessageKey, revision: number): Promise<void> {
    minRevision.current = revision;
    const tasks = await list.reload({ quiet: true });
    minRevision.current = undefined;
    const followUp = tasks?.find((x) => x.previousTask === task.id);
    const supplier = task.supplierName ?? nameOf(task.supplier);
    ctx.announce(followUp ? t('inbox.followedUp', { supplier, id: followUp.id }) : t('inbox.done', { supplier, what: t(done) }));
  }

  useNames(api, list.data ? list.data.flatMap((x) => [x.supplier, ...x.affectedLeaders]) : []);
  const where = isCoordinator ? (province ? provinceText(province) : t('inbox.anyProvince')) : provinceText(session.province ?? '');
  return (
    <div class="view">
      <div class="view-head">
        <h1>{isCoordinator ? t('inbox.headingAll') : t('inbox.heading', { province: provinceText(session.province ?? '') })}</h1>
        <p class="muted">{isCoordinator ? t('inbox.introAll') : t('inbox.intro')}</p>
      </div>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="task-state">{t('inbox.state')}</label>
          <select id="task-state" name="state" value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
            {STATE_FILTERS.map((v) => (
              <option value={v}>{v === 'active' ? t('inbox.filter.active') : v === '' ? t('inbox.filter.all') : taskStateText(v)}</option>
            ))}
          </select>
        </div>
        {isCoordinator ? (
          <div class="field field-inline">
            <label for="task-province">{t('inbox.province')}</label>
            <select id="task-province" name="province" value={province} onChange={(e) => setProvince((e.target as HTMLSelectElement).value)}>
              <option value="">{t('inbox.allProvinces')}</option>
              {PROVINCES.map((p) => (
                <option value={p.code}>{provinceText(p.code)}</option>
              ))}
            </select>
          </div>
        ) : null}
        <label class="check">
          <input id="task-escalated" type="checkbox" checked={escalated} onChange={(e) => setEscalated((e.target as HTMLInputElement).checked)} /> {t('inbox.escalatedOnly')}
        </label>
      </div>
      {withRequests ? (
        <p class="jump">
          <button type="button" class="link-button" onClick={() => document.getElementById('requests-title')?.scrollIntoView()}>
            {t('inbox.jumpRequests', { n: requests.data?.length ?? 0 })}
          </button>
        </p>
      ) : null}
      <div class={withRequests ? 'inbox-columns' : ''}>
        <section class="tasks" aria-busy={list.loading} aria-labelledby="tasks-column-title">
          <h2 id="tasks-column-title" class={withRequests ? 'column-title' : 'sr-only'}>
            {t('inbox.tasksColumn')}
          </h2>
          <Show load={list}>
            {(tasks) =>
              tasks === null ? (
                <p class="note">{t('inbox.noService')}</p>
              ) : !tasks.length ? (
                <p class="empty">{state === 'active' ? t('inbox.emptyActive', { where }) : t('inbox.empty', { where })}</p>
              ) : (
                <div>
                  <p class="muted small">{truncated.current ? t('inbox.truncated', { n: fmtNum(tasks.length) }) : tn('inbox.count', tasks.length)}</p>
                  <ol class="task-list">
                    {tasks.map((task, i) => (
                      <li key={task.id}>
                        <TaskCard ctx={ctx} task={task} rank={i + 1} onDone={afterAction} latestRequest={latest.get(task.supplier)} requestsById={requestsById} />
                      </li>
                    ))}
                  </ol>
                </div>
              )
            }
          </Show>
        </section>
        {withRequests ? <RequestsColumn api={api} load={requests} announce={(text) => ctx.announce(text)} /> : null}
      </div>
    </div>
  );
}

function TaskCard(props: {
  ctx: ViewProps['ctx'];
  task: Task;
  rank: number;
  onDone: (t: Task, done: MessageKey, revision: number) => Promise<void>;
  latestRequest?: EnterpriseRequest;
  requestsById: ReadonlyMap<string, EnterpriseRequest>;
}) {
  const { ctx, task } = props;
  const { api } = ctx;
  const titleId = useId('task');
  const noteId = useId('note');
  const note = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Resolving while the supplier still blocks: the warning awaiting confirmation. */
  const [confirming, setConfirming] = useState<Enterprise | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [supplierOpen, setSupplierOpen] = useState(false);
  const next = NEXT[task.state];
  const supplier = task.supplierName ?? nameOf(task.supplier);

  async function act(confirmed = false): Promise<void> {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      if (next.action === 'resolve' && !confirmed) {
        const e = await api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(task.supplier)}`);
        if (e.availability && e.availability !== 'operating') {
          setConfirming(e);
          setBusy(false);
          return;
        }
      }
      setConfirming(null);
      const text = note.current?.value.trim();
      const out = await api.post<TaskWritten>(`/api/tasks/${encodeURIComponent(task.id)}/${next.action}`, text ? { note: text } : {});
      if (note.current) note.current.value = '';
      await props.onDone(task, next.done, out.revision);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class={`card task task-${task.state}${task.escalated ? ' task-escalated' : ''}`} aria-labelledby={titleId} data-task={task.id}>
      <header class="task-head">
        <span class="priority" title={t('inbox.priorityHint', { p: task.priority })}>
          <span class="sr-only">{t('inbox.rank')} </span>#{props.rank}
        </span>
        <div class="task-title">
          <h2 id={titleId}>
            <Ent id={task.supplier} name={task.supplierName} /> {supplier !== task.supplier ? <code class="id">{task.supplier}</code> : null}
          </h2>
          <p class="muted small">
            {t('inbox.assignedTo')} <ProvinceName code={task.assigneeProvince} /> · {t('inbox.opened', { at: fmtTime(task.createdAt) })} ·{' '}
            {t('inbox.updated', { at: fmtTime(task.updatedAt) })}
            {task.previousTask ? ` · ${t('inbox.followsUp', { id: task.previousTask })}` : ''}
          </p>
        </div>
        <div class="badges">
          {task.escalated ? <EscalatedBadge /> : null}
          <TaskStateBadge state={task.state} />
        </div>
      </header>
      <div class="task-body">
        <dl class="facts facts-inline">
          {task.stopsOn ? (
            <>
              <dt>{t('inbox.stopsOn')}</dt>
              <dd>
                <strong class="text-alert">{fmtDate(task.stopsOn)}</strong>
              </dd>
            </>
          ) : null}
          <dt>{t('inbox.blocks')}</dt>
          <dd>
            {tn('inbox.leaders', task.affectedLeaders.length)}{' '}
            {task.affectedLeaders.map((l) => (
              <a class="chip chip-link" href={`#/chains/${encodeURIComponent(l)}`} title={l}>
                {nameOf(l)}
              </a>
            ))}
          </dd>
          <dt>{t('inbox.requestedBy')}</dt>
          <dd>
            {task.requestingProvinces.map((p, i) => (
              <>
                {i ? t('common.listSep') : ''}
                <ProvinceName code={p} />
              </>
            ))}
          </dd>
        </dl>
        <LatestRequest request={latestOf(task.requests, props.requestsById) ?? props.latestRequest} />
        {next ? (
          <form
            class="task-action"
            onSubmit={(e) => {
              e.preventDefault();
              void act();
            }}
          >
            <label for={noteId}>{t('inbox.note')}</label>
            <textarea id={noteId} ref={note} name="note" rows={2} maxLength={2000} placeholder={t('inbox.notePlaceholder')} />
            <button type="submit" class="btn btn-primary" disabled={busy || confirming !== null}>
              {t(next.label)}
            </button>
            {confirming ? (
              <div class="note note-warn confirm" role="alertdialog" aria-labelledby={`${titleId}-warn`}>
                <p id={`${titleId}-warn`}>{t('inbox.resolveWarn', { supplier, availability: t(`avail.${confirming.availability ?? 'down'}`) })}</p>
                <div class="form-actions">
                  <button type="button" class="btn btn-primary" onClick={() => void act(true)} disabled={busy}>
                    {t('inbox.resolveAnyway')}
                  </button>
                  <button type="button" class="btn btn-quiet" onClick={() => setConfirming(null)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            ) : null}
            {error ? <ErrorNote error={error} /> : null}
          </form>
        ) : error ? (
          <ErrorNote error={error} />
        ) : null}
      </div>
      <details class="task-history-box" onToggle={(e) => setSupplierOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('inbox.supplier')}</summary>
        {supplierOpen ? <SupplierFacts ctx={ctx} id={task.supplier} /> : null}
      </details>
      <details class="task-history-box" onToggle={(e) => setHistoryOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('inbox.history')}</summary>
        {historyOpen ? <History ctx={ctx} id={task.id} /> : null}
      </details>
    </article>
  );
}

/** The newest of a task's supplier requests, as the task answer carries them. */
/** The newest of a task's supplier requests: the task carries them, or their ids (looked up in the inbox's requests). */
type RequestFacts = { title: string; category: string; state: string; createdAt?: string; leadersServed?: number | null };
function latestOf(list: Task['requests'], byId: ReadonlyMap<string, EnterpriseRequest>): RequestFacts | undefined {
  const found = (list ?? []).map((r): RequestFacts | undefined => (typeof r === 'string' ? byId.get(r) : r)).filter((r): r is RequestFacts => r !== undefined);
  return found.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
}

function SupplierFacts(props: { ctx: ViewProps['ctx']; id: string }) {
  const load = useLoad(() => props.ctx.api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(props.id)}`), [props.id]);
  return (
    <div class="task-history">
      <Show load={load}>
        {(e) => (
          <dl class="facts">
            <dt>{t('ent.contact')}</dt>
            <dd>{e.contact ?? t('ent.noContact')}</dd>
            <dt>{t('ent.capacity')}</dt>
            <dd>{(e.currentCapacityPct ?? e.capacityPct) === undefined ? '–' : t('unit.pct', { v: fmtNum((e.currentCapacityPct ?? e.capacityPct)!) })}</dd>
            {e.currentAsOf ? (
              <>
                <dt>{t('ent.asOf')}</dt>
                <dd>{fmtDate(e.currentAsOf)}</dd>
              </>
            ) : null}
            <dt>{t('ent.id')}</dt>
            <dd>
              <code>{e.id}</code>
            </dd>
          </dl>
        )}
      </Show>
    </div>
  );
}

function History(props: { ctx: ViewProps['ctx']; id: string }) {
  const load = useLoad(() => props.ctx.api.get<Task>(`/api/tasks/${encodeURIComponent(props.id)}`), [props.id]);
  return (
    <div class="task-history">
      <Show load={load}>
        {(task) =>
          task.history?.length ? (
            <ol class="history">
              {task.history.map((e) => (
                <li>
                  <span class="history-when">{fmtTime(e.at)}</span> <strong>{e.actor}</strong>{' '}
                  {e.from ? `${taskStateText(e.from)} → ${taskStateText(e.to)}` : t('inbox.openedAs', { state: taskStateText(e.to) })}
                  {e.note ? <p class="history-note">{e.note}</p> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{t('inbox.noHistory')}</p>
          )
        }
      </Show>
    </div>
  );
}
