/**
 * What a task commit records in the audit trail: every transition (open, ack, start, resolve,
 * clear) and every escalation in the batch, one entry each. Both task store adapters call it
 * inside their commit transaction, so a transition and its entry land together or not at all.
 *
 * `before` is what the planner read: an update applies only while the task still has the
 * version the planner saw (expectVersion), so inside the transaction that committed it, the
 * stored task was exactly the one the plan describes.
 */
import type { AuditRecord } from '../graph';
import { SYSTEM_ACTOR, type TaskState } from './model';
import type { TaskBatch } from './task-store';

const ACTION_BY_STATE: Record<TaskState, string> = {
  open: 'task.open',
  acknowledged: 'task.ack',
  in_progress: 'task.start',
  resolved: 'task.resolve',
  cleared: 'task.clear',
};

export function taskAuditEntries(batch: TaskBatch): AuditRecord[] {
  const revision = batch.revision ?? null;
  const entries: AuditRecord[] = [];
  for (const u of batch.updates) {
    if (u.history) {
      const h = u.history;
      entries.push({
        at: h.at,
        actor: h.actor,
        action: ACTION_BY_STATE[h.to],
        target: u.id,
        revision,
        before: { state: h.from },
        after: { state: h.to, ...(h.note !== undefined ? { note: h.note } : {}) },
      });
    }
    if (u.set.escalated === true) {
      entries.push({
        at: u.set.escalatedAt ?? u.set.updatedAt ?? '',
        actor: SYSTEM_ACTOR,
        action: 'task.escalate',
        target: u.id,
        revision,
        before: { escalated: false },
        after: { escalated: true },
      });
    }
  }
  for (const t of batch.creates) {
    const first = t.history[0];
    const { history: _history, ...task } = t;
    entries.push({ at: first?.at ?? t.createdAt, actor: first?.actor ?? SYSTEM_ACTOR, action: 'task.open', target: t.id, revision, before: null, after: task });
  }
  return entries;
}
