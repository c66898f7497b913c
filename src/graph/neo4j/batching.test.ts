import { BATCH_SIZE, PROGRESS_EVERY, PhaseProgress, batches, latestPerEnterprise } from './batching';
import type { PendingReport } from './mapping';

describe('batches', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `E${i}`);

  it('cuts rows into full batches and a rest, in order', () => {
    const out = batches(ids(25_001), BATCH_SIZE);
    expect(out.map((b) => b.length)).toEqual([10_000, 10_000, 5_001]);
    expect(out.flat()).toEqual(ids(25_001));
  });

  it('gives no batch for no rows, and one for exactly one batch', () => {
    expect(batches([], 3)).toEqual([]);
    expect(batches(['a', 'b', 'c'], 3)).toEqual([['a', 'b', 'c']]);
  });

  it('starts a new batch when a key repeats, so a batch holds each key once', () => {
    expect(batches(['A', 'B', 'A', 'C', 'A', 'A'], 10, (x) => x)).toEqual([['A', 'B'], ['A', 'C'], ['A'], ['A']]);
  });

  it('forgets the keys of the previous batch', () => {
    expect(batches(['A', 'B', 'C', 'A'], 3, (x) => x)).toEqual([['A', 'B', 'C'], ['A']]);
  });

  it('without keys, repeats stay together', () => {
    expect(batches(['A', 'A', 'A'], 10)).toEqual([['A', 'A', 'A']]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => batches([1], 0)).toThrow(RangeError);
    expect(() => batches([1], 2.5)).toThrow(/positive integer, got 2.5/);
  });
});

describe('latestPerEnterprise', () => {
  const r = (enterprise: string, asOf: string, seq: number, status: PendingReport['status'] = 'resumed'): PendingReport => ({
    enterprise,
    asOf,
    seq,
    status,
    key: `${enterprise}${seq}`,
    receivedAt: 'now',
  });

  it('keeps the latest asOf per enterprise, whatever the order received', () => {
    const latest = latestPerEnterprise([r('A', '2020-03-01', 1), r('A', '2020-02-01', 2), r('B', '2020-01-01', 3)]);
    expect(latest.map((x) => [x.enterprise, x.seq])).toEqual([
      ['A', 1],
      ['B', 3],
    ]);
  });

  it('on equal asOf keeps the latest received (highest seq)', () => {
    const latest = latestPerEnterprise([r('A', '2020-03-01', 4, 'suspended'), r('A', '2020-03-01', 5, 'partial'), r('A', '2020-03-01', 3)]);
    expect(latest).toEqual([expect.objectContaining({ seq: 5, status: 'partial' })]);
  });

  it('lists enterprises in order of first appearance, each once', () => {
    expect(latestPerEnterprise([r('B', 'x', 1), r('A', 'x', 2), r('B', 'y', 3)]).map((x) => x.enterprise)).toEqual(['B', 'A']);
  });
});

describe('PhaseProgress', () => {
  const track = (total: number, steps: number[]) => {
    const calls: Array<[string, number, number]> = [];
    const progress = new PhaseProgress('links', total, (phase, done, t) => calls.push([phase, done, t]));
    steps.forEach((s) => progress.reached(s));
    progress.finish();
    return calls;
  };

  it('reports every PROGRESS_EVERY rows, then the end, as the SQLite adapter does', () => {
    expect(PROGRESS_EVERY).toBe(10_000);
    expect(track(25_000, [10_000, 20_000, 25_000])).toEqual([
      ['links', 10_000, 25_000],
      ['links', 20_000, 25_000],
      ['links', 25_000, 25_000],
    ]);
  });

  it('reports a mark passed inside a batch, once', () => {
    expect(track(20_000, [9_999, 10_500, 10_600, 20_000])).toEqual([
      ['links', 10_000, 20_000],
      ['links', 20_000, 20_000],
      ['links', 20_000, 20_000],
    ]);
  });

  it('reports marks that the last batch skipped over at the end', () => {
    expect(track(30_000, [])).toEqual([
      ['links', 10_000, 30_000],
      ['links', 20_000, 30_000],
      ['links', 30_000, 30_000],
      ['links', 30_000, 30_000],
    ]);
  });

  it('reports an empty phase once', () => {
    expect(track(0, [])).toEqual([['links', 0, 0]]);
  });

  it('works without a callback', () => {
    expect(() => new PhaseProgress('enterprises', 5, undefined).finish()).not.toThrow();
  });
});
