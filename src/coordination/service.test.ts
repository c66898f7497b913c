import { systemClock } from '../shared/clock';
import type { DesiredSource } from './desired';
import { TaskService } from './service';
import type { TaskStore } from './task-store';

describe('task revision waits', () => {
  it('after the task store went back (restored from a backup), a read for a revision it no longer has waits for it again', async () => {
    const at = { revision: 7 };
    const store = { revision: async () => at.revision } as unknown as TaskStore;
    const service = new TaskService({ store, clock: systemClock, slaMs: 1, waitMs: 60, desired: {} as DesiredSource });
    await expect(service.revision(7)).resolves.toBe(7);
    // A reader that waited has made the waiters see revision 7.
    await expect(service.revision(8)).rejects.toMatchObject({ code: 'not_ready' });
    at.revision = 3;
    await expect(service.revision(5)).rejects.toMatchObject({ code: 'not_ready' });
    const waiting = service.revision(4);
    at.revision = 4;
    await expect(waiting).resolves.toBe(4);
  });
});
