// Creates new tasks, each id at most once per batch and not stored yet. Null fields are not
// stored. activeSupplier is the supplier while the state is one of $active, absent otherwise:
// a second active task for a supplier fails on task_one_active_per_supplier.
// params: rows, active
UNWIND $rows AS row
CREATE (:Task {
  id: row.id, supplier: row.supplier, assigneeProvince: row.assigneeProvince,
  affectedLeaders: row.affectedLeaders, requestingProvinces: row.requestingProvinces,
  blockedEnterprises: row.blockedEnterprises, priority: row.priority, state: row.state,
  escalated: row.escalated, escalatedAt: row.escalatedAt, createdAt: row.createdAt,
  updatedAt: row.updatedAt, deliveredAt: row.deliveredAt, previousTask: row.previousTask,
  revision: row.revision, version: row.version, stopsOn: row.stopsOn,
  activeSupplier: CASE WHEN row.state IN $active THEN row.supplier END
})
