import { EventFeed } from './events-feed';
import type { TaskEvent, TaskStore } from './task-store';

/** The event log of a task store, as the feed reads it; `log` can be replaced (a restore). */
function eventLog(ids: number[]) {
  const log = { events: ids.map(event) };
  const store = {
    eventsAfter: async (after: number, limit: number) => log.events.filter((e) => e.id > after).slice(0, limit),
    lastEventId: async () => log.events.at(-1)?.id ?? 0,
  } as unknown as TaskStore;
  return { log, store };
}

function event(id: number): TaskEvent {
  return { id, type: 'task.opened', taskId: `tk_${id}`, province: '420000', at: '2020-03-24T08:00:00Z' } as unknown as TaskEvent;
}

describe('the event feed', () => {
  let feed: EventFeed;
  afterEach(() => feed.close());

  const stream = (after: number) => {
    const got: number[] = [];
    const sub = { after, send: (e: TaskEvent) => got.push(e.id) };
    feed.subscribe(sub, () => undefined);
    return { got, sub };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('sends each stream the events after the one it saw', async () => {
    const { store } = eventLog([1, 2, 3, 4]);
    feed = new EventFeed(store, 5);
    const { got } = stream(2);
    await until(() => got.length === 2);
    expect(got).toEqual([3, 4]);
  });

  it('a log restored below what a stream saw: the stream goes on from its last event instead of waiting for the ids to come round', async () => {
    const { log, store } = eventLog([1, 2, 3, 4, 5]);
    feed = new EventFeed(store, 5);
    const { got, sub } = stream(0);
    await until(() => got.length === 5);
    log.events = [1, 2].map(event);
    await until(() => sub.after === 2);
    expect(sub.after).toBe(2);
    log.events.push(event(3), event(4));
    feed.nudge();
    await until(() => got.length === 7);
    expect(got).toEqual([1, 2, 3, 4, 5, 3, 4]);
  });

  it('a stream whose last event was pruned, with the log ahead of it, is not sent anything twice', async () => {
    const { store } = eventLog([4, 5, 6]);
    feed = new EventFeed(store, 5);
    const { got } = stream(3);
    await until(() => got.length === 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual([4, 5, 6]);
  });
});
