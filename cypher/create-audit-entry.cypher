// Appends one entry to the audit trail, its seq already taken from the 'audit_seq' counter.
// before and after are JSON text; a null revision is not stored.
// params: seq, at, actor, action, target, revision, before, after
CREATE (:AuditEntry {
  seq: $seq, at: $at, actor: $actor, action: $action, target: $target, revision: $revision,
  before: $before, after: $after
})
