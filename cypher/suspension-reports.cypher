// The reports of every enterprise whose current status is a suspended report, newest first
// (asOf desc, seq desc): the runway (§7) reads the latest unbroken run of suspended reports.
// params: none
MATCH (e:Enterprise)
WHERE e.currentStatus = 'suspended'
MATCH (r:StatusReport {enterprise: e.id})
WHERE r.asOf IS NOT NULL
WITH e, r
ORDER BY e.ord, r.asOf DESC, r.seq DESC
RETURN e.id AS enterprise,
       collect({status: r.status, asOf: r.asOf, expectedResumeOn: r.expectedResumeOn}) AS reports
