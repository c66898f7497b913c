import { Rng, WeightedTable } from '../../src/scenario/rng';

describe('the seeded generator', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 8 }, () => r.uint32());
    };
    expect(draw(2020)).toEqual(draw(2020));
    expect(draw(2020)).not.toEqual(draw(2021));
  });

  it('draws floats in [0, 1) and integers in range, roughly uniformly', () => {
    const r = new Rng(1);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = r.float();
      if (!(x >= 0 && x < 1)) outside++;
      buckets[r.int(10)]++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 5000)).toBeLessThan(400);
    const seen = new Set(Array.from({ length: 1000 }, () => r.range(3, 5)));
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });

  it('forks independent, reproducible streams by label', () => {
    const a = new Rng(5).fork('links');
    const b = new Rng(5).fork('links');
    const c = new Rng(5).fork('names');
    const seq = (r: Rng) => Array.from({ length: 4 }, () => r.uint32());
    const sa = seq(a);
    expect(sa).toEqual(seq(b));
    expect(sa).not.toEqual(seq(c));
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new Rng(3).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it('never draws a zero weight and follows the others', () => {
    const table = new WeightedTable([0, 1, 0, 3]);
    const r = new Rng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[table.draw(r)]++;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[3] / counts[1]).toBeGreaterThan(2.7);
    expect(counts[3] / counts[1]).toBeLessThan(3.3);
  });

  it('refuses a seed that is not a number', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed/);
  });
});
