/**
 * The session handling the three Neo4j adapters share. The adapters' own tests (on the fake
 * driver) cover it through them; these cases cover what the fake never does: a driver that
 * cannot open a session, a session that fails to close, the session configuration.
 */
import { Neo4jError, error as driverErrors, type Driver } from 'neo4j-driver';
import { itOwnsOnlyTheDriverItIsGiven, rejection } from '../cypher/fake-setup';
import { cypher, cypherScript } from '../../src/infra/neo4j/cypher';
import { Neo4jSessions, run } from '../../src/infra/neo4j/session';

interface Opened {
  config: Record<string, unknown>;
  closed: boolean;
  /** The statements run in its transaction. */
  ran: string[];
}

/** A driver whose sessions run `work` with a transaction that answers nothing. */
function recordingDriver(opts: { closeFails?: boolean; openFails?: unknown } = {}): { driver: Driver; opened: Opened[] } {
  const opened: Opened[] = [];
  const driver = {
    session: (config: Record<string, unknown>) => {
      if (opts.openFails !== undefined) throw opts.openFails;
      const entry: Opened = { config, closed: false, ran: [] };
      opened.push(entry);
      const tx = { run: async (text: string) => (entry.ran.push(text), { records: [] }) };
      const execute = <T>(work: (t: unknown) => Promise<T>) => work(tx);
      return {
        executeRead: execute,
        executeWrite: execute,
        close: async () => {
          entry.closed = true;
          if (opts.closeFails) throw new Error('connection reset');
        },
      };
    },
    close: async () => undefined,
  };
  return { driver: driver as unknown as Driver, opened };
}

describe('Neo4jSessions', () => {
  it('opens one session per unit of work, in its access mode, on the database, sharing one bookmark manager', async () => {
    const { driver, opened } = recordingDriver();
    const sessions = new Neo4jSessions({ driver, database: 'linkage' });
    expect(await sessions.read('r', async () => 1)).toBe(1);
    expect(await sessions.write('w', async () => 2)).toBe(2);
    expect(opened.map((o) => [o.config.defaultAccessMode, o.config.database, o.closed])).toEqual([
      ['READ', 'linkage', true],
      ['WRITE', 'linkage', true],
    ]);
    expect(opened[0].config.bookmarkManager).toBeDefined();
    expect(opened[1].config.bookmarkManager).toBe(opened[0].config.bookmarkManager);
    await new Neo4jSessions({ driver }).read('r', async () => 3);
    expect(opened[2].config.database).toBeUndefined();
    expect(opened[2].config.bookmarkManager).not.toBe(opened[0].config.bookmarkManager);
  });

  it('a session that fails to close does not change the outcome', async () => {
    const { driver, opened } = recordingDriver({ closeFails: true });
    const sessions = new Neo4jSessions({ driver });
    expect(await sessions.write('w', async () => 'done')).toBe('done');
    const err = await rejection(sessions.read('status history', async () => Promise.reject(new Error('boom'))));
    expect(err).toMatchObject({ code: 'internal', message: 'neo4j status history failed: boom' });
    expect(opened.every((o) => o.closed)).toBe(true);
  });

  it('a driver that cannot open a session fails as the work would, named by its action', async () => {
    const unavailable = new Neo4jError('no routing servers', driverErrors.SERVICE_UNAVAILABLE as never, '08000', 'connection exception');
    const { driver } = recordingDriver({ openFails: unavailable });
    const err = await rejection(new Neo4jSessions({ driver }).read('token lookup', async () => 1));
    expect(err).toMatchObject({ code: 'not_ready', retriable: true, message: 'neo4j token lookup failed (ServiceUnavailable): no routing servers' });
  });

  it('runs each schema statement in a write session of its own', async () => {
    const { driver, opened } = recordingDriver();
    await new Neo4jSessions({ driver }).applySchema(cypherScript('token-schema'), 'token init');
    expect(opened.map((o) => [o.config.defaultAccessMode, o.ran])).toEqual(cypherScript('token-schema').map((s) => ['WRITE', [s]]));
  });

  itOwnsOnlyTheDriverItIsGiven((opts) => new Neo4jSessions(opts));
});

describe('run', () => {
  it('refuses parameters that do not match the header before sending anything', async () => {
    const sent: unknown[] = [];
    const tx = { run: async (...args: unknown[]) => (sent.push(args), { records: [] }) };
    await expect(run(tx as never, cypher('get-enterprise'), { id: 'A', extra: 1 })).rejects.toThrow(/undeclared \$extra/);
    await expect(run(tx as never, cypher('get-enterprise'))).rejects.toThrow(/missing \$id/);
    expect(sent).toEqual([]);
    expect(await run(tx as never, cypher('get-enterprise'), { id: 'A' })).toEqual([]);
    expect(sent).toEqual([[cypher('get-enterprise').text, { id: 'A' }]]);
  });
});
