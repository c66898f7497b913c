// Records what one revision changed (the change log: JSON text, see src/graph/internal.ts), in
// the transaction of the write that made the revision.
// params: revision, change
CREATE (:RevisionChange {revision: $revision, change: $change})
