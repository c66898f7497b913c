// Applies each row's patch to its task if the task is still at row.expectVersion, bumps the
// version, and keeps activeSupplier in step with the state ($active: the active states), so a
// task that ends frees its supplier and one that would be a second active task fails on
// task_one_active_per_supplier. Each id occurs at most once per batch. Returns the ids updated:
// a row missing from the answer names a task that changed since it was read.
// params: rows, active
UNWIND $rows AS row
MATCH (t:Task {id: row.id})
WHERE t.version = row.expectVersion
SET t += row.patch, t.version = t.version + 1
SET t.activeSupplier = CASE WHEN t.state IN $active THEN t.supplier END
RETURN t.id AS id
