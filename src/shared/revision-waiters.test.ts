import { RevisionWaiters } from './revision-waiters';

const timeout = (min: number) => Object.assign(new Error(`not at ${min}`), { retryAfter: 1 });

describe('revision waiters', () => {
  afterEach(() => jest.restoreAllMocks());

  it('many readers waiting for one revision hold one timer and are settled by one revision change', async () => {
    const timers = jest.spyOn(global, 'setTimeout');
    const waiters = new RevisionWaiters({ waitMs: 60_000, timeout });
    waiters.reached(4);
    const waits = Array.from({ length: 5_000 }, () => waiters.wait(5));
    expect(waiters.size).toBe(5_000);
    expect(timers).toHaveBeenCalledTimes(1);
    waiters.reached(5);
    await expect(Promise.all(waits)).resolves.toEqual(Array(5_000).fill(5));
    expect(waiters.size).toBe(0);
  });

  it('a revision settles the waiters for it and for every earlier one, not for later ones', async () => {
    const waiters = new RevisionWaiters({ waitMs: 60_000, timeout });
    const settled: number[] = [];
    for (const min of [1, 2, 3])
      void waiters.wait(min).then(
        () => settled.push(min),
        () => undefined,
      );
    waiters.reached(2);
    await new Promise((r) => setImmediate(r));
    expect(settled.sort()).toEqual([1, 2]);
    expect(waiters.size).toBe(1);
    waiters.close(new Error('closing'));
  });

  it('a reader for a reached revision does not wait', async () => {
    const waiters = new RevisionWaiters({ waitMs: 60_000, timeout });
    waiters.reached(9);
    await expect(waiters.wait(3)).resolves.toBe(9);
    expect(waiters.size).toBe(0);
  });

  it('after the source went back, readers wait for their revision again, and those waiting still wait', async () => {
    const waiters = new RevisionWaiters({ waitMs: 60_000, timeout });
    waiters.reached(9);
    const waiting = waiters.wait(12);
    waiters.rewound(4);
    const again = waiters.wait(6);
    expect(waiters.size).toBe(2);
    await expect(waiters.wait(4)).resolves.toBe(4);
    waiters.reached(6);
    await expect(again).resolves.toBe(6);
    expect(waiters.size).toBe(1);
    waiters.reached(12);
    await expect(waiting).resolves.toBe(12);
  });

  it('readers that run out of time are rejected with the timeout error, in arrival order, by the one timer', async () => {
    let now = 0;
    const waiters = new RevisionWaiters({ waitMs: 50, timeout, now: () => now });
    const first = Array.from({ length: 1_000 }, () => waiters.wait(7).catch((e: Error & { retryAfter?: number }) => e));
    now = 30;
    const later = waiters.wait(7).catch((e: Error) => e);
    now = 60;
    const errors = await Promise.all(first);
    expect(errors.every((e) => e instanceof Error && e.message === 'not at 7' && e.retryAfter === 1)).toBe(true);
    // The later reader's deadline (80) has not passed: it still waits, and the revision reaches it.
    expect(waiters.size).toBe(1);
    waiters.reached(7);
    await expect(later).resolves.toBe(7);
  });

  it('asks its poll once per period while anyone waits, and stops when nobody does', async () => {
    let polls = 0;
    const waiters = new RevisionWaiters({ waitMs: 60_000, timeout, poll: () => polls++, pollMs: 10 });
    const waits = Array.from({ length: 100 }, () => waiters.wait(1));
    expect(polls).toBe(1);
    await new Promise((r) => setTimeout(r, 55));
    expect(polls).toBeGreaterThan(1);
    expect(polls).toBeLessThan(20);
    waiters.reached(1);
    await Promise.all(waits);
    const after = polls;
    await new Promise((r) => setTimeout(r, 40));
    expect(polls).toBe(after);
  });
});
