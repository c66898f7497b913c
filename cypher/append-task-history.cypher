// Appends each row's entries, in order, to the history of its task, numbering them after the
// entries it already has. Each id occurs at most once per batch.
// params: rows
UNWIND $rows AS row
MATCH (t:Task {id: row.id})
WITH t, row, COUNT { (t)-[:HAS_HISTORY]->(:TaskHistory) } AS known
FOREACH (i IN range(0, size(row.entries) - 1) |
  CREATE (t)-[:HAS_HISTORY]->(:TaskHistory {
    n: known + i + 1, at: row.entries[i].at, actor: row.entries[i].actor,
    fromState: row.entries[i].fromState, toState: row.entries[i].toState, note: row.entries[i].note
  })
)
