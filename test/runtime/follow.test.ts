/**
 * Followers (src/runtime/chain-state.ts): an analysis that another process writes behind
 * applies the store's change log instead of reloading a snapshot, and answers exactly what a
 * fresh load of the store answers: chains, bottlenecks, counts, capacities and the runway (§7).
 * Two ChainStates on two connections to one SQLite file stand for two processes. A file
 * overwritten under an open store (SQLite's backup API, as a restore does it) stands for a store
 * swapped for another deployment's, or rolled back to an older backup of itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { importDocument, SqliteStore, type ImportDocumentInput, type Status } from '../../src/graph';
import { ChainState } from '../../src/runtime/chain-state';
import { runwayView } from '../../src/runtime/runway';
import { Rng } from '../../src/scenario';
import { ManualClock } from '../../src/shared/clock';
import { Metrics } from '../../src/shared/metrics';
import { ent } from '../support/enterprises';

const LEADERS = ['L1', 'L2', 'L3', 'L4'];
const SUPPLIERS = Array.from({ length: 30 }, (_, i) => `S${String(i).padStart(2, '0')}`);
const PARTS = ['seats', 'glass', 'frame', 'foam', 'wire'];

/** Leaders buy every part from two or three suppliers; suppliers buy from suppliers later in the list. */
function network(rng: Rng): ImportDocumentInput {
  const links: Array<{ supplier: string; customer: string; part: string; critical: boolean }> = [];
  const seen = new Set<string>();
  const link = (supplier: string, customer: string, part: string) => {
    const key = `${supplier}|${customer}|${part}`;
    if (seen.has(key) || supplier === customer) return;
    seen.add(key);
    links.push({ supplier, customer, part, critical: rng.chance(0.85) });
  };
  for (const l of LEADERS) for (const part of rng.shuffle([...PARTS]).slice(0, 3)) for (let k = 0; k < 2 + rng.int(2); k++) link(rng.pick(SUPPLIERS), l, part);
  SUPPLIERS.forEach((s, i) => {
    if (i >= SUPPLIERS.length - 5) return;
    for (let k = 0; k < 2; k++) link(SUPPLIERS[i + 1 + rng.int(SUPPLIERS.length - i - 1)], s, rng.pick(PARTS));
  });
  return { enterprises: [...LEADERS.map((id) => ent(id, 'leader', '440000')), ...SUPPLIERS.map((id) => ent(id))], links };
}

const day = (rng: Rng) => `2020-03-${String(1 + rng.int(20)).padStart(2, '0')}`;
const CTX = { actor: 'test', now: new Date('2020-03-24T08:00:00Z') };

describe('a follower applies other processes’ writes from the change log', () => {
  let dir: string;
  let file: string;
  const open: SqliteStore[] = [];
  const chainStates: ChainState[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-follow-'));
    file = path.join(dir, 'linkage.sqlite');
  });
  afterEach(async () => {
    for (const c of chainStates.splice(0)) c.stopWatching();
    for (const s of open.splice(0)) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const storeOn = async (opts: { changeLogRevisions?: number } = {}) => {
    const s = new SqliteStore({ file, ...opts });
    await s.init();
    open.push(s);
    return s;
  };
  const clock = new ManualClock('2020-03-24T08:00:00Z');

  /** What a reader sees: the analysis' answers, capacities, and the runway at the default data date. */
  const answers = async (chains: ChainState, store: SqliteStore) => {
    const view = await chains.view();
    const { runway } = await runwayView({ chains, store, clock });
    const ids = view.analysis.network.ids;
    return {
      revision: view.revision,
      chains: view.analysis.chains(),
      bottlenecks: view.analysis.bottlenecks(),
      counts: view.analysis.counts(),
      capacity: ids.map((id) => view.directory.capacityPct(id)),
      names: view.directory.names(ids),
      runway: { date: runway.date, leaders: LEADERS.map((l) => runway.runway.of(l)), expectedResumeOn: [...runway.expectedResumeOn].sort() },
    };
  };
  /** A process that starts now: everything from a snapshot. */
  const freshAnswers = async (store: SqliteStore) => {
    const fresh = new ChainState(store, 1_000);
    await fresh.refresh();
    return answers(fresh, store);
  };

  it('random interleaved status, stock and import writes: after each catch-up the follower answers what a fresh load does, reloading only for imports', async () => {
    const rng = new Rng(17);
    const writerStore = await storeOn();
    await importDocument(writerStore, network(rng), CTX);
    const writerMetrics = new Metrics({ defaultMetrics: false });
    const writer = new ChainState(writerStore, 1_000, writerMetrics);
    await writer.refresh();
    const followerStore = await storeOn();
    const metrics = new Metrics({ defaultMetrics: false });
    const follower = new ChainState(followerStore, 1_000, metrics);
    await follower.catchUp();
    chainStates.push(writer, follower);
    const snapshots = jest.spyOn(followerStore, 'snapshot');
    const stock = (await writerStore.exportDocument()).links.map((l) => [l.customer, l.part] as const);

    let extra = 0;
    let importsBehind = 0;
    let checks = 0;
    for (let step = 0; step < 120; step++) {
      const what = rng.float();
      if (what < 0.6) {
        const id = rng.pick([...SUPPLIERS, ...LEADERS]);
        const status = rng.pick<Status>(['suspended', 'suspended', 'partial', 'resumed']);
        const report = {
          enterprise: id,
          status,
          asOf: day(rng),
          ...(status === 'partial' ? { capacityPct: 10 * (1 + rng.int(9)) } : {}),
          ...(status === 'suspended' && rng.chance(0.5) ? { expectedResumeOn: '2020-03-28' } : {}),
        };
        await writer.changed((await writerStore.appendStatusReport(report, CTX)).change);
      } else if (what < 0.85) {
        const [customer, part] = rng.pick(stock);
        await writer.changed((await writerStore.appendInventoryReport({ customer, part, days: rng.int(8), asOf: day(rng) }, CTX)).change);
      } else {
        // A new supplier of a leader, a report about it, or the same document again (no revision).
        const id = `X${extra++}`;
        const doc: ImportDocumentInput = rng.chance(0.3)
          ? network(new Rng(17))
          : {
              enterprises: [ent(id, 'supplier', '420000', rng.chance(0.5) ? 'suspended' : 'resumed')],
              links: [{ supplier: id, customer: rng.pick(LEADERS), part: rng.pick(PARTS) }],
              statusReports: rng.chance(0.5) ? [{ enterprise: rng.pick(SUPPLIERS), status: 'suspended', asOf: day(rng) }] : [],
            };
        const out = await importDocument(writerStore, doc, CTX);
        if (out.changed.enterprises + out.changed.links + out.changed.statusReports > 0) importsBehind++;
        await writer.refresh();
      }
      if (rng.chance(0.4)) {
        const before = snapshots.mock.calls.length;
        await follower.catchUp();
        expect(follower.revision).toBe(await writerStore.revision());
        // Every import behind may cost one snapshot (fewer when one snapshot covers several); nothing else does.
        expect(snapshots.mock.calls.length - before).toBeLessThanOrEqual(importsBehind);
        if (importsBehind === 0) expect(snapshots.mock.calls.length).toBe(before);
        importsBehind = 0;
        const fresh = await freshAnswers(followerStore);
        expect(await answers(follower, followerStore)).toEqual(fresh);
        expect(await answers(writer, writerStore)).toEqual(fresh);
        checks++;
      }
    }
    expect(checks).toBeGreaterThan(30);
    // The entries read back (the writer's own, and the follower's) are the ones applied: no
    // reload for any other reason than an import.
    for (const m of [writerMetrics, metrics]) expect((await m.analysisReloads.get()).values.map((v) => v.labels.reason).sort()).toEqual(['import', 'start']);
    const applied = (await metrics.changesApplied.get()).values.reduce((n, v) => n + v.value, 0);
    expect(applied).toBeGreaterThan(80);
  });

  it('reloads from a snapshot when the log no longer holds every revision it is behind', async () => {
    const writerStore = await storeOn({ changeLogRevisions: 3 });
    await importDocument(writerStore, network(new Rng(5)), CTX);
    const metrics = new Metrics({ defaultMetrics: false });
    const follower = new ChainState(await storeOn({ changeLogRevisions: 3 }), 1_000, metrics);
    chainStates.push(follower);
    await follower.catchUp();
    const write = (enterprise: string, status: Status) => writerStore.appendStatusReport({ enterprise, status, asOf: '2020-03-10' }, CTX);
    await write('S01', 'suspended');
    await write('S02', 'suspended');
    await follower.catchUp();
    for (const id of ['S03', 'S04', 'S05', 'S06', 'S07']) await write(id, 'suspended');
    await follower.catchUp();
    const reloads = (await metrics.analysisReloads.get()).values.map((v) => [v.labels.reason, v.value]);
    expect(reloads.sort()).toEqual([
      ['gap', 1],
      ['start', 1],
    ]);
    expect(follower.revision).toBe(8);
    expect(await answers(follower, writerStore)).toEqual(await freshAnswers(writerStore));
  });

  const reloadReasons = async (metrics: Metrics) => (await metrics.analysisReloads.get()).values.map((v) => [v.labels.reason, v.value]).sort();
  /** Writes the content of the SQLite file `from` over the file `to`, through SQLite, under whoever has `to` open. */
  const restore = async (from: string, to: string) => {
    const source = new Database(from, { readonly: true });
    try {
      await source.backup(to);
    } finally {
      source.close();
    }
  };
  const suspend = (store: SqliteStore, ids: string[]) =>
    ids.reduce<Promise<unknown>>((p, enterprise) => p.then(() => store.appendStatusReport({ enterprise, status: 'suspended', asOf: '2020-03-10' }, CTX)), Promise.resolve());

  describe('when the store is swapped or rolled back under it', () => {
    it('another store past its revision (a file replaced by another deployment’s): reloads instead of applying the other log on its own state', async () => {
      const store = await storeOn();
      await importDocument(store, network(new Rng(3)), CTX);
      await suspend(store, ['S01', 'S02']);
      const metrics = new Metrics({ defaultMetrics: false });
      const follower = new ChainState(store, 1_000, metrics);
      chainStates.push(follower);
      await follower.catchUp();
      expect(follower.revision).toBe(3);
      // The same network elsewhere, so that its log entries would apply cleanly here.
      const otherFile = path.join(dir, 'other.sqlite');
      const other = new SqliteStore({ file: otherFile });
      open.push(other);
      await other.init();
      await importDocument(other, network(new Rng(3)), CTX);
      await suspend(other, ['S03', 'S04', 'S05', 'S06', 'S07', 'S08']);
      await restore(otherFile, file);
      expect(await store.head()).toEqual(await other.head());
      await follower.catchUp();
      expect(follower.revision).toBe(7);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(follower, store)).toEqual(await freshAnswers(await storeOn()));
    });

    it('another store at the same revision: noticed by its identity alone', async () => {
      const store = await storeOn();
      await importDocument(store, network(new Rng(3)), CTX);
      await suspend(store, ['S01']);
      const metrics = new Metrics({ defaultMetrics: false });
      const follower = new ChainState(store, 1_000, metrics);
      chainStates.push(follower);
      await follower.catchUp();
      const otherFile = path.join(dir, 'other.sqlite');
      const other = new SqliteStore({ file: otherFile });
      open.push(other);
      await other.init();
      await importDocument(other, network(new Rng(4)), CTX);
      await suspend(other, ['S02']);
      await restore(otherFile, file);
      await follower.catchUp();
      expect(follower.revision).toBe(2);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(follower, store)).toEqual(await freshAnswers(await storeOn()));
    });

    it('the store rolled back to an older backup of itself: goes back to its revision, tells listeners, and readers wait for theirs again', async () => {
      const store = await storeOn();
      await importDocument(store, network(new Rng(5)), CTX);
      await suspend(store, ['S01', 'S02']);
      const backup = path.join(dir, 'backup.sqlite');
      await restore(file, backup);
      const metrics = new Metrics({ defaultMetrics: false });
      const follower = new ChainState(store, 50, metrics);
      chainStates.push(follower);
      await follower.catchUp();
      await suspend(store, ['S03', 'S04', 'S05', 'S06']);
      await follower.catchUp();
      expect(follower.revision).toBe(7);
      const revisions: number[] = [];
      follower.onRevision((r) => revisions.push(r));
      await restore(backup, file);
      await follower.catchUp();
      expect(follower.revision).toBe(3);
      expect(revisions).toEqual([3]);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(follower, store)).toEqual(await freshAnswers(await storeOn()));
      // A revision of the vanished history is not there any more: it is waited for, then refused.
      await expect(follower.view(7)).rejects.toMatchObject({ code: 'not_ready' });
      await expect(follower.view(3)).resolves.toMatchObject({ revision: 3 });
      // The store goes on from the restored revision; the follower with it, through the log.
      await suspend(store, ['S07']);
      await follower.catchUp();
      expect(follower.revision).toBe(4);
      expect(revisions).toEqual([3, 4]);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(follower, store)).toEqual(await freshAnswers(await storeOn()));
    });

    it('the store rolled back and written past its revision between two reads: the log’s entry at its revision is not the one it applied', async () => {
      const store = await storeOn();
      await importDocument(store, network(new Rng(8)), CTX);
      await suspend(store, ['S01']);
      const backup = path.join(dir, 'backup.sqlite');
      await restore(file, backup);
      const metrics = new Metrics({ defaultMetrics: false });
      const follower = new ChainState(store, 1_000, metrics);
      chainStates.push(follower);
      await follower.catchUp();
      await suspend(store, ['S02', 'S03']);
      await follower.catchUp();
      expect(follower.revision).toBe(4);
      await restore(backup, file);
      await suspend(store, ['S10', 'S11', 'S12']);
      expect(await store.revision()).toBe(5);
      await follower.catchUp();
      expect(follower.revision).toBe(5);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(follower, store)).toEqual(await freshAnswers(await storeOn()));
    });

    it('an own write on a rolled-back store: the write’s revision is at or below the analysis’, and the analysis reloads before the write returns', async () => {
      const store = await storeOn();
      await importDocument(store, network(new Rng(6)), CTX);
      const backup = path.join(dir, 'backup.sqlite');
      await restore(file, backup);
      const metrics = new Metrics({ defaultMetrics: false });
      const chains = new ChainState(store, 1_000, metrics);
      chainStates.push(chains);
      await chains.refresh();
      for (const id of ['S01', 'S02', 'S03']) await chains.changed((await store.appendStatusReport({ enterprise: id, status: 'suspended', asOf: '2020-03-10' }, CTX)).change);
      expect(chains.revision).toBe(4);
      await restore(backup, file);
      const own = await store.appendStatusReport({ enterprise: 'S04', status: 'suspended', asOf: '2020-03-11' }, CTX);
      expect(own.revision).toBe(2);
      await chains.changed(own.change);
      expect(chains.revision).toBe(2);
      expect(await reloadReasons(metrics)).toEqual([
        ['start', 1],
        ['store-changed', 1],
      ]);
      expect(await answers(chains, store)).toEqual(await freshAnswers(await storeOn()));
    });
  });

  it('an own write that is not the next revision (another process wrote first) is brought in through the log', async () => {
    const a = await storeOn();
    await importDocument(a, network(new Rng(9)), CTX);
    const b = await storeOn();
    const chainsA = new ChainState(a, 1_000);
    chainStates.push(chainsA);
    await chainsA.refresh();
    const snapshots = jest.spyOn(a, 'snapshot');
    await b.appendStatusReport({ enterprise: 'S01', status: 'suspended', asOf: '2020-03-10' }, CTX);
    await b.appendInventoryReport({ customer: 'L1', part: (await a.exportDocument()).links.find((l) => l.customer === 'L1')!.part, days: 2, asOf: '2020-03-11' }, CTX);
    const own = await a.appendStatusReport({ enterprise: 'S02', status: 'suspended', asOf: '2020-03-12', expectedResumeOn: '2020-03-30' }, CTX);
    await chainsA.changed(own.change);
    expect(chainsA.revision).toBe(4);
    expect(snapshots).not.toHaveBeenCalled();
    expect(await answers(chainsA, a)).toEqual(await freshAnswers(a));
  });
});
