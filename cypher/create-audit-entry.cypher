// Appends entries to the audit trail, in the transaction of the write they record; their seqs
// are already taken from the 'audit_seq' counter. before and after are JSON text; a null
// revision is not stored.
// params: entries
UNWIND $entries AS e
CREATE (:AuditEntry {
  seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, revision: e.revision,
  before: e.before, after: e.after
})
