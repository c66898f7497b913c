/**
 * `linkage tasks`: the coordination tasks of this data directory, read and moved through the
 * same use cases as the HTTP API (TaskService, from the composition root's openTaskService),
 * directly on the task store — no server needed. The CLI acts as a coordinator (actor `cli:<user>`, or LINKAGE_ACTOR).
 *
 * Events of a move (and a follow-up task after `resolve`) are committed with it; they reach
 * the queues at once when REDIS_URL is set, else with the running workers' next sweep.
 */
import { openTaskService } from '../runtime/context';
import { ACTIVE_STATES, CoordinationQueues, OutboxRelay, publicTask, TASK_STATES, type TaskStore, type Task, type TaskAction, type TaskState, connectRedis } from '../coordination';
import { systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { cliActor } from './shared';
import { TASKS_USAGE, UsageError } from './usage';
import { provinceArg } from './args';
import { stateList } from './state-list';

export { TASKS_USAGE };

type Values = Record<string, string | boolean | undefined>;

function states(v: string | undefined): TaskState[] | undefined {
  return stateList(v, TASK_STATES, ACTIVE_STATES);
}

function row(t: Task): string {
  return [
    t.id.padEnd(20),
    t.supplier.padEnd(16),
    t.assigneeProvince,
    t.state.padEnd(12),
    (t.escalated ? 'escalated' : '').padEnd(9),
    String(t.priority).padStart(9),
    `${t.affectedLeaders.length} leader(s) in ${t.requestingProvinces.join(',')}`,
  ].join('  ');
}

export async function runTasks(v: Values, [sub, id]: string[]): Promise<number> {
  const config = loadConfig();
  const { service, store, close } = await openTaskService(config);
  try {
    const viewer = { role: 'coordinator' as const, actor: cliActor() };
    const out = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
    switch (sub) {
      case 'list': {
        const province = provinceArg(v.province);
        const query = { province, states: states(v.state as string | undefined), escalated: v.escalated ? true : undefined };
        let cursor: string | undefined;
        do {
          const page = await service.list(viewer, { ...query, limit: 1000, cursor });
          for (const t of page.items) process.stdout.write(v.json ? `${JSON.stringify(publicTask(t))}\n` : `${row(t)}\n`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return 0;
      }
      case 'show':
        if (!id) throw new UsageError('tasks show needs a task ID');
        out(publicTask(await service.get(viewer, id)));
        return 0;
      case 'ack':
      case 'start':
      case 'resolve': {
        if (!id) throw new UsageError(`tasks ${sub} needs a task ID`);
        const result = await service.transition(id, sub as TaskAction, viewer, v.note as string | undefined);
        out({ revision: result.revision, ...publicTask(result.task) });
        await relayNow(store, config);
        return 0;
      }
      default:
        process.stderr.write(`linkage tasks: ${sub ? `unknown subcommand "${sub}"` : 'which subcommand?'}\n${TASKS_USAGE}\n`);
        return 2;
    }
  } finally {
    await close();
  }
}

/** Hands the move's events to the queues when Redis is configured; the sweep does it otherwise. */
export async function relayNow(store: TaskStore, config: ReturnType<typeof loadConfig>): Promise<void> {
  if (!config.redisUrl) {
    process.stderr.write('note: REDIS_URL is unset; the workers relay these events at their next sweep\n');
    return;
  }
  const connection = connectRedis(config.redisUrl, { maxRetriesPerRequest: 3 });
  connection.on('error', () => undefined);
  const queues = new CoordinationQueues(connection, config.queues, config.webhooks, await store.identity());
  try {
    await new OutboxRelay(store, queues, systemClock, config.ackSlaMs).flush();
  } catch (err) {
    process.stderr.write(`note: events not relayed now (${(err as Error).message}); the workers' sweep will\n`);
  } finally {
    await queues.close();
    connection.disconnect();
  }
}
