/**
 * Prometheus metrics (prom-client), one registry per process so tests and several apps in
 * one process do not collide. Components record into the named metrics here; /metrics
 * serves the registry.
 */
import client from 'prom-client';

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration = new client.Histogram({
    name: 'linkage_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly analysisDuration = new client.Histogram({
    name: 'linkage_analysis_duration_seconds',
    help: 'Time to bring the chain analysis to a new revision',
    labelNames: ['kind'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  readonly changesApplied = new client.Counter({
    name: 'linkage_changes_applied_total',
    help: "Change-log entries (status, inventory) applied to the in-memory analysis, own writes and other processes' alike",
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly analysisReloads = new client.Counter({
    name: 'linkage_analysis_reloads_total',
    help: 'Analyses recomputed from a store snapshot, by reason (start, import, gap: the change log no longer held the revisions, store-changed: another store or one rolled back)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly analysisRevision = new client.Gauge({
    name: 'linkage_analysis_revision',
    help: 'Store revision the in-memory analysis reflects',
    registers: [this.registry],
  });
  readonly storeRevision = new client.Gauge({
    name: 'linkage_store_revision',
    help: 'Latest store revision seen by this process',
    registers: [this.registry],
  });
  readonly revisionLag = new client.Gauge({
    name: 'linkage_analysis_revision_lag',
    help: 'Store revisions not yet reflected by the analysis',
    registers: [this.registry],
  });
  readonly queueDepth = new client.Gauge({
    name: 'linkage_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  readonly jobOutcomes = new client.Counter({
    name: 'linkage_job_outcomes_total',
    help: 'Finished jobs per queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly openTasks = new client.Gauge({
    name: 'linkage_open_tasks',
    help: 'Active coordination tasks by assignee province',
    labelNames: ['province'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    // Unprefixed: process_cpu_seconds_total, nodejs_heap_size_used_bytes … are the names
    // dashboards and alerts for Node services expect.
    if (opts.defaultMetrics ?? true) client.collectDefaultMetrics({ register: this.registry });
  }

  /** Hooks run before each scrape, to sample gauges (queue depths, open tasks). */
  private readonly collectors: Array<() => Promise<void>> = [];
  onCollect(fn: () => Promise<void>): void {
    this.collectors.push(fn);
  }

  async render(): Promise<string> {
    await Promise.allSettled(this.collectors.map((c) => c()));
    return this.registry.metrics();
  }
}
