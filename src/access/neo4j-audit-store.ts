/**
 * The Neo4j adapter of AuditStore: one (:AuditEntry {seq, at, actor, action, target, revision,
 * before, after}) node per entry, append-only. seq comes from the 'audit_seq' counter, advanced
 * in the transaction that creates the entry, so concurrent writers never share one; before and
 * after are stored as JSON text, as the SQLite adapter stores them. Pages are newest first,
 * keyset-paged by seq with the same cursors as the SQLite adapter.
 */
import neo4j from 'neo4j-driver';
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from './audit';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { invalidInput } from '../shared/errors';
import { cypher, cypherScript, int, jsonText, text, toNumber, type Props, Neo4jSessions, run, type Neo4jStoreOptions, AUDIT_SEQ_COUNTER, appendAuditEntries } from '../infra/neo4j';

export { AUDIT_SEQ_COUNTER };

const isSeqCursor = (v: unknown): v is { seq: number } => typeof v === 'object' && v !== null && Number.isSafeInteger((v as { seq?: unknown }).seq);

export class Neo4jAuditStore implements AuditStore {
  private readonly sessions: Neo4jSessions;

  constructor(opts: Neo4jStoreOptions) {
    this.sessions = new Neo4jSessions(opts);
  }

  async init(): Promise<void> {
    await this.sessions.applySchema(cypherScript('audit-schema'), 'audit init');
    await this.sessions.write('audit init', (tx) => run(tx, cypher('init-counters'), { names: [AUDIT_SEQ_COUNTER] }));
  }

  /** Absent before/after are stored, and read back, as null. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.sessions.write('audit append', async (tx) => {
      const [seq] = await appendAuditEntries(tx, [entry]);
      return { seq, ...entry, before: entry.before ?? null, after: entry.after ?? null };
    });
  }

  async list(filter: AuditFilter, page: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
      throw invalidInput('invalid page size', [{ path: 'limit', message: `must be a positive integer, got ${page.limit}` }]);
    }
    const below = decodeCursor(page.cursor, isSeqCursor);
    const records = await this.sessions.read('audit list', (tx) =>
      run(tx, cypher('audit-entries'), {
        beforeSeq: below === undefined ? neo4j.Integer.MAX_VALUE : int(below.seq),
        actor: filter.actor ?? null,
        action: filter.action ?? null,
        target: filter.target ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        limit: int(page.limit + 1),
      }),
    );
    const items = records.slice(0, page.limit).map((r) => toAuditEntry(r.get('entry') as Props));
    return { items, nextCursor: records.length > page.limit ? encodeCursor({ seq: items[items.length - 1].seq }) : null };
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }
}

/** Stored properties into an entry, in the SQLite adapter's key order. */
export function toAuditEntry(p: Props): AuditEntry {
  const seq = toNumber(p.seq, 'audit entry seq');
  const where = `audit entry ${seq}`;
  return {
    seq,
    at: text(p, 'at', where),
    actor: text(p, 'actor', where),
    action: text(p, 'action', where) as AuditEntry['action'],
    target: text(p, 'target', where),
    revision: p.revision === null || p.revision === undefined ? null : toNumber(p.revision, `${where} revision`),
    before: jsonText(p, 'before', where),
    after: jsonText(p, 'after', where),
  };
}

/** The audit trail in the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jAuditStore(opts: Neo4jStoreOptions): Neo4jAuditStore {
  return new Neo4jAuditStore(opts);
}
