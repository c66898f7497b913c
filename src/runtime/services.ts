/** What the entry points (HTTP, CLI, jobs) are given: the use cases' dependencies, injected. */
import type { AuditStore, TokenResolver, TokenStore } from '../access';
import type { Coordination } from '../coordination';
import type { GraphStore } from '../graph';
import type { Clock } from '../shared/clock';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/log';
import type { Metrics } from '../shared/metrics';
import type { ChainState } from './chain-state';

export interface Pingable {
  ping(): Promise<unknown>;
}

export interface Services {
  config: Readonly<Config>;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  store: GraphStore;
  tokenStore: TokenStore;
  audit: AuditStore;
  chains: ChainState;
  tokens: TokenResolver;
  /** Redis, when this process uses one; /api/ready checks it. */
  redis?: Pingable;
  /** Coordination tasks, their queues and workers, when this process runs them. */
  coordination?: Coordination;
  /** Why coordination is not running in this process: what the task routes answer 503 with. */
  coordinationProblem?: string;
}
