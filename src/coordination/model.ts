/**
 * Coordination tasks (CONTRACT §3): their shape, their states and the transitions between
 * them. Pure: no storage, no clock; the planner and the use cases build on it.
 */
import { LinkageError } from '../shared/errors';
import { byCodeUnits } from '../shared/order';

export const TASK_STATES = ['open', 'acknowledged', 'in_progress', 'resolved', 'cleared'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The states in which a task counts against "one task per root cause". */
export const ACTIVE_STATES: readonly TaskState[] = ['open', 'acknowledged', 'in_progress'];

export function isActive(state: TaskState): boolean {
  return ACTIVE_STATES.includes(state);
}

/** What a liaison (or coordinator) can ask of a task. The system's own move is `clear`. */
export const ACTIONS = ['ack', 'start', 'resolve'] as const;
export type TaskAction = (typeof ACTIONS)[number];

/** The one legal source state of each action, and where it leads. */
export const TRANSITIONS: Readonly<Record<TaskAction, { from: TaskState; to: TaskState }>> = Object.freeze({
  ack: { from: 'open', to: 'acknowledged' },
  start: { from: 'acknowledged', to: 'in_progress' },
  resolve: { from: 'in_progress', to: 'resolved' },
});

/** The actor written into histories for moves the system makes on its own. */
export const SYSTEM_ACTOR = 'system';

export interface TaskHistoryEntry {
  /** ISO timestamp. */
  at: string;
  actor: string;
  /** null for the entry that opened the task. */
  from: TaskState | null;
  to: TaskState;
  note?: string;
}

/** The task as the desired set describes it: what the analysis says should be worked on. */
export interface DesiredTask {
  /** The root cause r. */
  supplier: string;
  /** r's province. */
  assigneeProvince: string;
  /** Every blocked leader with r as a root cause, sorted. */
  affectedLeaders: string[];
  /** The provinces of those leaders other than r's, sorted; never empty. */
  requestingProvinces: string[];
  /** Blocked enterprises (leaders included) r is a root cause of. */
  blockedEnterprises: number;
  priority: number;
  /** §7: the earliest stopsOn among affectedLeaders; absent or null when none of them stops. */
  stopsOn?: string | null;
}

export interface Task extends DesiredTask {
  id: string;
  state: TaskState;
  escalated: boolean;
  escalatedAt?: string;
  createdAt: string;
  updatedAt: string;
  /** When the task reached its province's inbox (the delivery job ran). */
  deliveredAt?: string;
  /** The task this one follows up: resolved while its supplier still blocked across provinces. */
  previousTask?: string;
  /** The analysis revision the task's content reflects. */
  revision: number;
  /** Optimistic-concurrency version, bumped on every write to the task. */
  version: number;
}

export interface TaskWithHistory extends Task {
  history: TaskHistoryEntry[];
}

/** The fields of a task a reconcile refreshes from the desired set. */
export const DESIRED_FIELDS = ['assigneeProvince', 'affectedLeaders', 'requestingProvinces', 'blockedEnterprises', 'priority', 'stopsOn'] as const;

export function sameDesired(a: DesiredTask, b: DesiredTask): boolean {
  return (
    a.assigneeProvince === b.assigneeProvince &&
    a.priority === b.priority &&
    a.blockedEnterprises === b.blockedEnterprises &&
    (a.stopsOn ?? null) === (b.stopsOn ?? null) &&
    sameList(a.affectedLeaders, b.affectedLeaders) &&
    sameList(a.requestingProvinces, b.requestingProvinces)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The state an action moves the task to, or a 409 naming the legal source state. */
export function nextState(task: Pick<Task, 'id' | 'state'>, action: TaskAction): TaskState {
  const t = TRANSITIONS[action];
  if (task.state !== t.from) {
    throw new LinkageError('conflict', `task ${task.id} is ${task.state}: ${action} needs a task that is ${t.from}`, {
      details: [{ path: 'state', message: `is ${task.state}, must be ${t.from} to ${action}` }],
    });
  }
  return t.to;
}

/** The task as clients see it (API, CLI, webhooks): storage bookkeeping (version, content revision) left out. */
export function publicTask<T extends Task>(t: T): Omit<T, 'version' | 'revision'> & { stopsOn: string | null } {
  const { version: _v, revision: _r, ...rest } = t;
  return { ...rest, stopsOn: rest.stopsOn ?? null };
}

/**
 * §7: the order of GET /api/tasks, most urgent first: stopsOn ascending (none last), then
 * priority descending, then id. Both task stores list in this order.
 */
export function byUrgency(a: Pick<Task, 'stopsOn' | 'priority' | 'id'>, b: Pick<Task, 'stopsOn' | 'priority' | 'id'>): number {
  const sa = a.stopsOn ?? null;
  const sb = b.stopsOn ?? null;
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return byCodeUnits(sa, sb);
  }
  return b.priority - a.priority || byCodeUnits(a.id, b.id);
}

export { byCodeUnits };
