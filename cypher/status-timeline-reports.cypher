// The status reports with asOf <= $to, in the order that decides the current status: asOf, then
// received (seq). Reports about an enterprise that is not stored are included, as the SQLite
// adapter includes them.
// params: to
MATCH (r:StatusReport)
WHERE r.asOf <= $to
RETURN r.enterprise AS enterprise, r.status AS status, r.asOf AS asOf
ORDER BY r.asOf, r.seq
