/**
 * The one way a Neo4j adapter appends to the audit trail: inside the managed transaction of
 * the write the entries record, so both commit or neither. seqs come from the 'audit_seq'
 * counter, advanced in that transaction (which write-locks it until commit). Every Neo4j
 * adapter that writes calls it in its write transaction and initialises the counter:
 *
 *   this.sessions.write('…', async (tx) => { …the change…; await appendAuditEntries(tx, [entry]); })
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { AuditRecord } from '../audit-record';
import { LinkageError } from '../../shared/errors';
import { cypher } from './cypher';
import { int } from './values';
import { advanceCounters, notInitialised as notInitialisedError, run } from './session';

/** The Counter node audit seqs are drawn from. */
export const AUDIT_SEQ_COUNTER = 'audit_seq';

const notInitialised = (): LinkageError => notInitialisedError('audit trail', `its '${AUDIT_SEQ_COUNTER}' counter is missing`);

/** Appends entries in order inside `tx`; returns their seqs. */
export async function appendAuditEntries(tx: ManagedTransaction, entries: readonly AuditRecord[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const { [AUDIT_SEQ_COUNTER]: last } = await advanceCounters(tx, [[AUDIT_SEQ_COUNTER, entries.length]], notInitialised);
  const first = last - entries.length + 1;
  await run(tx, cypher('create-audit-entry'), {
    entries: entries.map((e, i) => ({
      seq: int(first + i),
      at: e.at,
      actor: e.actor,
      action: e.action,
      target: e.target,
      revision: e.revision === null ? null : int(e.revision),
      before: JSON.stringify(e.before ?? null),
      after: JSON.stringify(e.after ?? null),
    })),
  });
  return entries.map((_, i) => first + i);
}
