/**
 * The task inbox: a liaison's province's cross-province tasks (a coordinator's: any
 * province's), most urgent first, escalated ones marked; acknowledge, start and resolve
 * with a note. Live task events refresh the list.
 */
import { ApiError } from '../api';
import type { Ctx, View } from '../app';
import { h, newId, replace, ErrorNote, Region } from '../dom';
import { EscalatedBadge, formatTime, PROVINCES, plural, ProvinceName, provinceText, TASK_STATE_TEXT, TaskStateBadge } from '../labels';
import type { Enterprise, Task, TaskAction, TaskPage, TaskState } from '../model';

/** The one action each active state allows, as the button says it. */
const NEXT: Partial<Record<TaskState, { action: TaskAction; label: string; done: string }>> = {
  open: { action: 'ack', label: 'Acknowledge', done: 'acknowledged' },
  acknowledged: { action: 'start', label: 'Start work', done: 'started' },
  in_progress: { action: 'resolve', label: 'Mark resolved', done: 'resolved' },
};

const PAGE_SIZE = 200;
/** Beyond this the list is cut short and says so: filters narrow it. */
const MAX_TASKS = 1000;

const STATE_FILTERS: Array<[string, string]> = [
  ['active', 'Active (open, acknowledged, in progress)'],
  ['open', TASK_STATE_TEXT.open],
  ['acknowledged', TASK_STATE_TEXT.acknowledged],
  ['in_progress', TASK_STATE_TEXT.in_progress],
  ['resolved', TASK_STATE_TEXT.resolved],
  ['cleared', TASK_STATE_TEXT.cleared],
  ['', 'All'],
];

export function inboxView(ctx: Ctx, _args: string[], params: URLSearchParams): View {
  const { api, session } = ctx;
  const isCoordinator = session.role === 'coordinator';
  const names = new Map<string, Promise<string>>();
  const list = new Region('div', 'tasks');
  let disposed = false;
  let truncated = false;

  const stateSel = (
    <select id="task-state" name="state">
      {STATE_FILTERS.map(([v, t]) => (
        <option value={v}>{t}</option>
      ))}
    </select>
  ) as HTMLSelectElement;
  stateSel.value = params.get('state') ?? 'active';
  const escalatedOnly = <input id="task-escalated" type="checkbox" checked={params.get('escalated') === 'true'} /> as HTMLInputElement;
  const provinceSel = (
    <select id="task-province" name="province">
      <option value="">All provinces</option>
      {PROVINCES.map((p) => (
        <option value={p.code}>{provinceText(p.code)}</option>
      ))}
    </select>
  ) as HTMLSelectElement;
  provinceSel.value = params.get('province') ?? '';

  const supplierName = (id: string): Promise<string> => {
    let p = names.get(id);
    if (!p) {
      p = api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`).then((e) => e.name, () => '');
      names.set(id, p);
    }
    return p;
  };

  /** Every page of the filtered list, up to MAX_TASKS, most urgent first. */
  async function fetchTasks(minRevision?: number): Promise<Task[] | null> {
    try {
      const tasks: Task[] = [];
      let cursor: string | undefined;
      do {
        const page: TaskPage = await api.get<TaskPage>('/api/tasks', {
          state: stateSel.value || undefined,
          escalated: escalatedOnly.checked ? 'true' : undefined,
          province: isCoordinator ? provinceSel.value || undefined : undefined,
          limit: PAGE_SIZE,
          cursor,
          minRevision,
        });
        tasks.push(...page.tasks);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && tasks.length < MAX_TASKS);
      truncated = cursor !== undefined;
      return tasks.sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  function reload(opts: { quiet?: boolean; minRevision?: number } = {}): Promise<unknown> {
    return list.load(() => fetchTasks(opts.minRevision), render, { quiet: opts.quiet });
  }

  function render(tasks: Task[] | null): HTMLElement {
    if (tasks === null) return <p class="note">This server does not run coordination tasks.</p>;
    if (!tasks.length) {
      const where = isCoordinator ? (provinceSel.value ? provinceText(provinceSel.value) : 'any province') : provinceText(session.province ?? '');
      return (
        <p class="empty">
          No {stateSel.value === 'active' ? 'active ' : ''}tasks for {where}. A task opens when a supplier there is the root cause of a blocked leader in another province.
        </p>
      );
    }
    return (
      <div>
        <p class="muted small">
          {truncated ? `Showing the ${tasks.length} most urgent tasks; narrow the filters to see the rest.` : `${plural(tasks.length, 'task')}, most urgent first.`}
        </p>
        <ol class="task-list">
          {tasks.map((t, i) => (
            <li>
              <TaskCard task={t} rank={i + 1} />
            </li>
          ))}
        </ol>
      </div>
    );
  }

  function TaskCard(props: { task: Task; rank: number }): HTMLElement {
    const t = props.task;
    const titleId = newId('task');
    const name = <span class="task-supplier-name" />;
    void supplierName(t.supplier).then((n) => {
      name.textContent = n;
    });
    const next = NEXT[t.state];
    const noteId = newId('note');
    const note = <textarea id={noteId} name="note" rows="2" maxlength="2000" placeholder="What was done, what comes next" /> as HTMLTextAreaElement;
    const feedback = <div class="task-feedback" />;
    const history = new Region('div', 'task-history');
    const historyBox = (
      <details class="task-history-box">
        <summary>History</summary>
        {history.el}
      </details>
    ) as HTMLDetailsElement;
    historyBox.addEventListener('toggle', () => {
      if (historyBox.open) void history.load(() => api.get<Task>(`/api/tasks/${encodeURIComponent(t.id)}`), historyList);
    });

    async function act(e: Event): Promise<void> {
      e.preventDefault();
      if (!next) return;
      const button = (e.target as HTMLFormElement).querySelector('button[type=submit]') as HTMLButtonElement;
      button.disabled = true;
      replace(feedback);
      try {
        const out = await api.post<Task & { revision: number }>(`/api/tasks/${encodeURIComponent(t.id)}/${next.action}`, note.value.trim() ? { note: note.value.trim() } : {});
        const tasks = (await reload({ quiet: true, minRevision: out.revision })) as Task[] | null | undefined;
        const followUp = tasks?.find((x) => x.previousTask === t.id);
        ctx.announce(
          followUp
            ? `Task for ${t.supplier} resolved, but it still blocks leaders in other provinces: follow-up task ${followUp.id} opened, escalated.`
            : `Task for ${t.supplier} ${next.done}.`,
        );
      } catch (err) {
        button.disabled = false;
        replace(feedback, <ErrorNote error={err} />);
      }
    }

    return (
      <article class={`card task task-${t.state}${t.escalated ? ' task-escalated' : ''}`} aria-labelledby={titleId} data-task={t.id}>
        <header class="task-head">
          <span class="priority" title={`Priority ${t.priority} (higher is more urgent)`}>
            <span class="sr-only">Rank </span>#{props.rank}
          </span>
          <div class="task-title">
            <h2 id={titleId}>
              <code class="id">{t.supplier}</code> {name}
            </h2>
            <p class="muted small">
              Assigned to <ProvinceName code={t.assigneeProvince} /> · opened {formatTime(t.createdAt)} · updated {formatTime(t.updatedAt)}
              {t.previousTask ? ` · follows up ${t.previousTask}` : ''}
            </p>
          </div>
          <div class="badges">
            {t.escalated ? <EscalatedBadge /> : null}
            <TaskStateBadge state={t.state} />
          </div>
        </header>
        <div class="task-body">
          <dl class="facts facts-inline">
            <dt>Blocks</dt>
            <dd>
              {plural(t.affectedLeaders.length, 'leader')}:{' '}
              {t.affectedLeaders.map((l) => (
                <a class="chip chip-link" href={`#/chains/${encodeURIComponent(l)}`}>
                  {l}
                </a>
              ))}
            </dd>
            <dt>Requested by</dt>
            <dd>
              {t.requestingProvinces.map((p, i) => [i ? ', ' : '', <ProvinceName code={p} />])}
            </dd>
          </dl>
          {next ? (
            <form class="task-action" onSubmit={act}>
              <label for={noteId}>Note (optional)</label>
              {note}
              <button type="submit" class="btn btn-primary">
                {next.label}
              </button>
              {feedback}
            </form>
          ) : (
            feedback
          )}
        </div>
        {historyBox}
      </article>
    );
  }

  const onFilter = () => {
    const q = new URLSearchParams();
    if (stateSel.value !== 'active') q.set('state', stateSel.value);
    if (escalatedOnly.checked) q.set('escalated', 'true');
    if (isCoordinator && provinceSel.value) q.set('province', provinceSel.value);
    history.replaceState(null, '', `#/inbox${q.toString() ? `?${q}` : ''}`);
    void reload();
  };
  for (const el of [stateSel, escalatedOnly, provinceSel]) el.addEventListener('change', onFilter);

  let timer: number | undefined;
  const unsubscribe = ctx.live?.subscribe({
    onEvent: () => {
      if (disposed) return;
      window.clearTimeout(timer);
      // Do not pull the list from under someone typing a note.
      timer = window.setTimeout(() => {
        if (!list.el.contains(document.activeElement) || document.activeElement?.tagName !== 'TEXTAREA') void reload({ quiet: true });
      }, 400);
    },
  });

  void reload();

  const heading = isCoordinator ? 'Coordination tasks' : `Task inbox · ${provinceText(session.province ?? '')}`;
  return {
    title: isCoordinator ? 'Tasks' : 'Inbox',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>{heading}</h1>
          <p class="muted">
            {isCoordinator
              ? 'One task per down supplier that is the root cause of leaders blocked in other provinces; its province works it.'
              : 'A supplier in your province is the root cause of leaders blocked in other provinces: acknowledge, work and resolve.'}
          </p>
        </div>
        <div class="toolbar">
          <div class="field field-inline">
            <label for="task-state">State</label>
            {stateSel}
          </div>
          {isCoordinator ? (
            <div class="field field-inline">
              <label for="task-province">Province</label>
              {provinceSel}
            </div>
          ) : null}
          <label class="check">{escalatedOnly} Escalated only</label>
        </div>
        {list.el}
      </div>
    ),
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
      unsubscribe?.();
    },
  };
}

function historyList(t: Task): HTMLElement {
  const entries = t.history ?? [];
  if (!entries.length) return <p class="muted">No history.</p>;
  return (
    <ol class="history">
      {entries.map((e) => (
        <li>
          <span class="history-when">{formatTime(e.at)}</span> <strong>{e.actor}</strong>{' '}
          {e.from ? `${TASK_STATE_TEXT[e.from]} → ${TASK_STATE_TEXT[e.to]}` : `opened as ${TASK_STATE_TEXT[e.to]}`}
          {e.note ? <p class="history-note">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
