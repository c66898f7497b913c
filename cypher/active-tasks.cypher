// The active tasks (those holding an activeSupplier), by supplier.
// params: none
MATCH (t:Task)
WHERE t.activeSupplier IS NOT NULL
RETURN properties(t) AS task
ORDER BY t.activeSupplier
