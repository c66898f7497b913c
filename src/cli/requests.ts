/**
 * `linkage requests`: the enterprise requests of this data directory (§9), read and moved
 * through the same use cases as the HTTP API (RequestService), directly on the stores — no
 * server needed. The CLI acts as a coordinator (actor `cli:<user>`, or LINKAGE_ACTOR). Events
 * of a move are committed with it and reach the queues like `linkage tasks` ones.
 */
import {
  ACTIVE_REQUEST_STATES,
  openRequestService,
  REQUEST_CATEGORIES,
  REQUEST_STATES,
  type RequestAction,
  type RequestCategory,
  type RequestState,
  type ShownRequest,
} from '../coordination';
import { createStore } from '../runtime/context';
import { systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { cliActor } from './shared';
import { REQUESTS_USAGE, UsageError } from './usage';
import { provinceArg } from './args';
import { relayNow } from './tasks';
import { stateList } from './state-list';

export { REQUESTS_USAGE };

type Values = Record<string, string | boolean | undefined>;

function states(v: string | undefined): RequestState[] | undefined {
  return stateList(v, REQUEST_STATES, ACTIVE_REQUEST_STATES);
}

function row(r: ShownRequest): string {
  return [r.id.padEnd(20), r.enterprise.padEnd(16), r.assigneeProvince, r.state.padEnd(11), (r.escalated ? 'escalated' : '').padEnd(9), r.category.padEnd(17), r.title].join('  ');
}

export async function runRequests(v: Values, [sub, id]: string[]): Promise<number> {
  const config = loadConfig();
  const graph = createStore(config);
  await graph.init();
  const opened = await openRequestService(config, (e) => graph.getEnterprise(e), systemClock);
  const service = opened.service;
  try {
    const viewer = { role: 'coordinator' as const, actor: cliActor() };
    const out = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
    switch (sub) {
      case 'list': {
        const province = provinceArg(v.province);
        const category = v.category as string | undefined;
        if (category !== undefined && !(REQUEST_CATEGORIES as readonly string[]).includes(category)) {
          throw new UsageError(`--category must be one of ${REQUEST_CATEGORIES.join(', ')} (got "${category}")`);
        }
        const query = {
          province,
          states: states(v.state as string | undefined),
          category: category as RequestCategory | undefined,
          enterprise: v.enterprise as string | undefined,
          escalated: v.escalated ? true : undefined,
        };
        let cursor: string | undefined;
        do {
          const page = await service.list(viewer, { ...query, limit: 1000, cursor });
          for (const r of page.items) process.stdout.write(v.json ? `${JSON.stringify(r)}\n` : `${row(r)}\n`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return 0;
      }
      case 'show':
        if (!id) throw new UsageError('requests show needs a request ID');
        out(await service.get(viewer, id));
        return 0;
      case 'accept':
      case 'start':
      case 'resolve':
      case 'reject': {
        if (!id) throw new UsageError(`requests ${sub} needs a request ID`);
        const note = (sub === 'reject' ? v.reason : v.note) as string | undefined;
        out(await service.transition(viewer, id, sub as RequestAction, note));
        await relayNow(opened.tasks, config);
        return 0;
      }
      default:
        process.stderr.write(`linkage requests: ${sub ? `unknown subcommand "${sub}"` : 'which subcommand?'}\n${REQUESTS_USAGE}\n`);
        return 2;
    }
  } finally {
    await opened.close();
    await graph.close();
  }
}
