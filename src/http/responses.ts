/**
 * What the HTTP API answers: one zod schema per answer (CONTRACT §4, §7–§10), named with
 * `.meta({ id })` so the OpenAPI description lists it under components. The route table names
 * each route's schema (routes.ts), openapi.ts describes it, test/integration/openapi-responses
 * checks real answers against it, and the web client's types are generated from the
 * description (scripts/api-types.ts → src/web/client/api-types.ts).
 *
 * Objects are strict: a field a handler adds or drops without its schema fails that test.
 */
import { z } from 'zod';
import { ROLES as PRINCIPAL_ROLES } from '../access/principal';
import { AUDIT_ACTIONS } from '../access/audit';
import { OUTBOX_EVENT_TYPES, QUEUE_NAMES, REQUEST_CATEGORIES, REQUEST_STATES, TASK_STATES } from '../coordination';
import { ROLES, SIZES, STATUSES } from '../graph';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'A date, YYYY-MM-DD' });
const timestamp = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const revision = z.number().int().min(0).meta({ description: 'The revision the answer reflects (§4 read-your-writes)' });
const nextCursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' });
const names = z.record(z.string(), z.string()).meta({ description: 'The name of every enterprise id the answer mentions (§11)' });
const province = z
  .string()
  .regex(/^\d{6}$/)
  .meta({ description: 'Six-digit GB/T 2260 code' });

export const principalRoleSchema = z.enum(PRINCIPAL_ROLES).meta({ id: 'Role' });
const enterpriseRole = z.enum(ROLES).meta({ id: 'EnterpriseRole' });
const status = z.enum(STATUSES).meta({ id: 'Status' });
const size = z.enum(SIZES).meta({ id: 'Size' });
const availability = z.enum(['operating', 'down', 'blocked']).meta({ id: 'Availability' });
const chainState = z.enum(['clear', 'blocked', 'down']).meta({ id: 'ChainState' });
const taskState = z.enum(TASK_STATES).meta({ id: 'TaskState' });
const requestState = z.enum(REQUEST_STATES).meta({ id: 'RequestState' });
const requestCategory = z.enum(REQUEST_CATEGORIES).meta({ id: 'RequestCategory' });

/** `{"error": {"code", "message", "details"?, "retryAfter"?, "requestId"?}}`: every 4xx and 5xx. */
export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(['invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'not_ready', 'rate_limited', 'internal']),
      message: z.string(),
      details: z
        .array(z.strictObject({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'Field paths of invalid input' }),
      retryAfter: z.number().optional().meta({ description: 'Seconds; also the Retry-After header' }),
      requestId: z.string().optional().meta({ description: 'On a 500: the id of the request in the server log' }),
    }),
  })
  .meta({ id: 'Error' });

// §7: when a leader stops, and what binds it.
const runwayFields = {
  stopsOn: day.nullable(),
  daysLeft: z.number().int().nullable(),
  bindingPart: z.string().nullable(),
  bindingRoot: z.string().nullable(),
};

// ---------------------------------------------------------------- system

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });
export const readySchema = z
  .strictObject({
    status: z.enum(['ready', 'not_ready']),
    checks: z.record(z.string(), z.string()).meta({ description: '"ok", "loading" or what failed, by check (store, redis, analysis)' }),
    revision: z.number().int(),
  })
  .meta({ id: 'Readiness' });
export const principalSchema = z
  .strictObject({ role: principalRoleSchema, actor: z.string(), province: province.optional(), enterprise: z.string().optional() })
  .meta({ id: 'Principal' });
export const openApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }).meta({ id: 'OpenApiDocument' });

// ---------------------------------------------------------------- enterprises (§1, §4, §5)

export const enterpriseRecordSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    role: enterpriseRole,
    industry: z.string(),
    province,
    status: status.meta({ description: 'Its status before any report' }),
    capacityPct: z.number().optional(),
    size: size.optional(),
    city: z.string().optional(),
    uscc: z.string().optional(),
    contact: z.string().optional(),
    since: day.optional(),
    currentStatus: status.meta({ description: 'From its latest report (§1), else its own status' }),
    currentCapacityPct: z.number().optional(),
    currentAsOf: day.optional(),
  })
  .meta({ id: 'Enterprise' });
export const enterpriseAnswerSchema = enterpriseRecordSchema.extend({ revision, availability }).meta({ id: 'EnterpriseAnswer' });
export const enterpriseItemSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    role: enterpriseRole,
    industry: z.string(),
    province,
    // A search answers with the current status (the detail's currentStatus), the one the list filters on.
    status: status.meta({ description: 'Its current status: from its latest report (§1), else its own (the detail calls this currentStatus)' }),
    availability,
  })
  .meta({ id: 'EnterpriseItem' });
export const enterpriseSearchSchema = z.strictObject({ revision, enterprises: z.array(enterpriseItemSchema), nextCursor }).meta({ id: 'EnterpriseSearch' });

const importCounts = { enterprises: count, links: count, statusReports: count, inventories: count };
export const importOutcomeSchema = z
  .strictObject({ revision, ...importCounts, changed: z.strictObject(importCounts).meta({ description: 'Rows inserted or changed' }) })
  .meta({ id: 'ImportOutcome' });

export const statusReportSchema = z
  .strictObject({
    seq: z.number().int(),
    enterprise: z.string(),
    status,
    capacityPct: z.number().optional(),
    asOf: day,
    note: z.string().optional(),
    reporter: z.string().optional(),
    expectedResumeOn: day.optional(),
    receivedAt: timestamp,
  })
  .meta({ id: 'StatusReport' });
export const statusWriteSchema = statusReportSchema.extend({ revision, currentStatus: status }).meta({ id: 'StatusReportWritten' });
export const statusHistorySchema = z.strictObject({ enterprise: z.string(), reports: z.array(statusReportSchema), nextCursor }).meta({ id: 'StatusHistory' });

export const inventoryReportSchema = z
  .strictObject({
    seq: z.number().int(),
    customer: z.string(),
    part: z.string(),
    days: z.number().int(),
    asOf: day,
    note: z.string().optional(),
    reporter: z.string().optional(),
    receivedAt: timestamp,
  })
  .meta({ id: 'InventoryReport' });
export const inventoryWriteSchema = inventoryReportSchema.extend({ revision }).meta({ id: 'InventoryReportWritten' });
export const inventoryHistorySchema = z.strictObject({ enterprise: z.string(), reports: z.array(inventoryReportSchema), nextCursor }).meta({ id: 'InventoryHistory' });

const upstreamEnterpriseSchema = z
  .strictObject({
    id: z.string(),
    tier: z.number().int().min(1),
    role: enterpriseRole,
    province,
    status,
    availability,
    parts: z.array(z.string()),
    customers: z.array(z.string()),
    ...partial(runwayFields),
  })
  .meta({ id: 'UpstreamEnterprise', description: 'Leaders carry their runway (§7)' });
export const upstreamSchema = z
  .strictObject({
    revision,
    date: day,
    id: z.string(),
    tiers: z.array(z.strictObject({ tier: z.number().int().min(1), enterprises: z.array(upstreamEnterpriseSchema) })),
    ...partial(runwayFields),
    names,
  })
  .meta({ id: 'Upstream', description: 'The runway fields are present when the enterprise is a leader' });

// ---------------------------------------------------------------- chains (§2, §7, §8)

export const chainSummarySchema = z
  .strictObject({
    leader: z.string(),
    name: z.string().optional(),
    state: chainState,
    rootCauses: z.array(z.string()),
    lostParts: z.array(z.string()),
    ...runwayFields,
  })
  .meta({ id: 'ChainSummary' });
export const chainListSchema = z.strictObject({ revision, date: day, chains: z.array(chainSummarySchema), names }).meta({ id: 'ChainList' });

export const chainDetailSchema = z
  .strictObject({
    revision,
    date: day,
    leader: enterpriseRecordSchema,
    name: z.string().optional(),
    state: chainState,
    lostParts: z.array(
      z.strictObject({
        part: z.string(),
        suppliers: z.array(z.strictObject({ id: z.string(), name: z.string().optional(), status, availability })),
      }),
    ),
    rootCauses: z.array(z.strictObject({ id: z.string(), name: z.string().optional(), province, path: z.array(z.string()) })),
    ...runwayFields,
    names,
  })
  .meta({ id: 'ChainDetail' });

export const alternatesSchema = z
  .strictObject({
    revision,
    leader: z.string(),
    name: z.string().optional(),
    groups: z.array(
      z.strictObject({
        customer: z.string(),
        part: z.string(),
        blockedLeaders: count,
        candidateCount: count,
        candidates: z.array(
          z.strictObject({
            id: z.string(),
            name: z.string(),
            province,
            sameProvince: z.boolean(),
            capacityPct: z.number().nullable(),
            clears: z.array(z.string()),
          }),
        ),
      }),
    ),
    names,
  })
  .meta({ id: 'Alternates' });

export const bottleneckSchema = z
  .strictObject({
    id: z.string(),
    name: z.string().optional(),
    province,
    blockedLeaders: count,
    blockedEnterprises: count,
    unblocksIfResumed: count,
    earliestStop: day.nullable(),
    expectedResumeOn: day.nullable(),
    gapDays: z.number().int().nullable(),
  })
  .meta({ id: 'Bottleneck' });
export const bottlenecksSchema = z.strictObject({ revision, date: day, bottlenecks: z.array(bottleneckSchema), names }).meta({ id: 'Bottlenecks' });

export const whatIfChangeSchema = z.strictObject({ leader: z.string(), name: z.string().optional(), before: chainState, after: chainState }).meta({ id: 'WhatIfChange' });
export const whatIfAnswerSchema = z.strictObject({ revision, changes: z.array(whatIfChangeSchema), names }).meta({ id: 'WhatIf' });

export const runwayLeaderSchema = z
  .strictObject({
    leader: z.string(),
    name: z.string().optional(),
    province,
    state: chainState,
    lostParts: z.array(z.string()),
    ...runwayFields,
  })
  .meta({ id: 'RunwayLeader' });
export const runwaySchema = z.strictObject({ revision, date: day, within: z.number().int(), leaders: z.array(runwayLeaderSchema), names }).meta({ id: 'Runway' });

// ---------------------------------------------------------------- statistics (§4, §10)

export const resumptionPointSchema = z
  .strictObject({ date: day, total: count, resumed: count, rate: z.number().nullable().meta({ description: 'Percent, one decimal; null when nothing matches' }) })
  .meta({ id: 'ResumptionPoint' });
const filters = z
  .strictObject({ province: province.optional(), industry: z.string().optional(), role: enterpriseRole.optional(), size: size.optional(), sme: z.boolean().optional() })
  .meta({ description: 'The filters applied' });
const byGroup = resumptionPointSchema.extend({ key: z.string(), label: z.string().optional().meta({ description: 'By province: "湖北省 Hubei"' }) });
export const resumptionFigureSchema = resumptionPointSchema
  .extend({
    filters,
    since: day.optional(),
    sinceRate: z.number().nullable().optional(),
    sinceTotal: count.optional(),
    sinceResumed: count.optional(),
    changePoints: z.number().nullable().optional().meta({ description: 'Percentage points since `since`' }),
    by: z.array(byGroup).optional(),
  })
  .meta({ id: 'ResumptionFigure' });
export const resumptionSeriesSchema = z
  .strictObject({
    from: day,
    to: day,
    filters,
    points: z.array(resumptionPointSchema),
    by: z.enum(['province', 'industry']).optional(),
    series: z.array(z.strictObject({ key: z.string(), label: z.string().optional(), points: z.array(resumptionPointSchema) })).optional(),
  })
  .meta({ id: 'ResumptionSeries' });
export const resumptionSchema = z
  .union([resumptionFigureSchema, resumptionSeriesSchema])
  .meta({ id: 'Resumption', description: 'A figure on a date, or a series with from and to' });

export const reportingSchema = z
  .strictObject({
    date: day,
    expected: count,
    reported: count,
    rate: z.number().nullable(),
    staleCount: count,
    stale: z.array(z.strictObject({ id: z.string(), name: z.string(), province, lastReport: day.nullable(), leadersServed: count })),
    nextCursor,
  })
  .meta({ id: 'Reporting' });

// ---------------------------------------------------------------- access

export const tokenRecordSchema = z
  .strictObject({
    id: z.string(),
    role: principalRoleSchema,
    actor: z.string(),
    province: province.optional(),
    enterprise: z.string().optional(),
    createdAt: timestamp,
    expiresAt: timestamp.optional(),
    revokedAt: timestamp.optional(),
  })
  .meta({ id: 'Token' });
export const issuedTokenSchema = tokenRecordSchema.extend({ token: z.string().meta({ description: 'The secret, shown this once' }) }).meta({ id: 'IssuedToken' });
export const tokenListSchema = z.strictObject({ tokens: z.array(tokenRecordSchema) }).meta({ id: 'TokenList' });
export const auditEntrySchema = z
  .strictObject({
    seq: z.number().int(),
    at: timestamp,
    actor: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string(),
    revision: z.number().int().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
export const auditPageSchema = z.strictObject({ entries: z.array(auditEntrySchema), nextCursor }).meta({ id: 'AuditPage' });

// ---------------------------------------------------------------- tasks (§3)

const historyEntry = <S extends z.ZodType>(state: S) =>
  z.strictObject({ at: timestamp, actor: z.string(), from: z.union([state, z.null()]), to: state, note: z.string().optional() });
export const taskHistoryEntrySchema = historyEntry(taskState).meta({ id: 'TaskHistoryEntry' });
export const taskSchema = z
  .strictObject({
    id: z.string(),
    supplier: z.string(),
    assigneeProvince: province,
    affectedLeaders: z.array(z.string()),
    requestingProvinces: z.array(province),
    blockedEnterprises: count,
    priority: z.number(),
    stopsOn: day.nullable(),
    state: taskState,
    escalated: z.boolean(),
    escalatedAt: timestamp.optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
    deliveredAt: timestamp.optional(),
    previousTask: z.string().optional(),
    history: z.array(taskHistoryEntrySchema).optional(),
  })
  .meta({ id: 'Task' });
const taskShown = { supplierName: z.string(), requests: z.array(z.string()).meta({ description: "Ids of the supplier's active requests (§9)" }) };
export const taskPageSchema = z.strictObject({ revision, tasks: z.array(taskSchema.extend(taskShown).meta({ id: 'TaskListed' })), nextCursor, names }).meta({ id: 'TaskPage' });
export const taskAnswerSchema = taskSchema.extend({ revision, ...taskShown, names }).meta({ id: 'TaskAnswer' });
export const taskWrittenSchema = taskSchema.extend({ revision }).meta({ id: 'TaskWritten' });

export const runwayAlertSchema = z
  .strictObject({
    leader: z.string(),
    province,
    stopsOn: day,
    daysLeft: z.number().int(),
    date: day,
    bindingPart: z.string().nullable(),
    bindingRoot: z.string(),
    rootCauses: z.array(z.string()),
    provinces: z.array(province),
  })
  .meta({ id: 'RunwayAlert' });
/** The data of one server-sent event of GET /api/events. */
export const taskEventSchema = z
  .strictObject({
    id: z.number().int(),
    type: z.enum([...OUTBOX_EVENT_TYPES, 'runway']),
    at: timestamp,
    province,
    task: taskSchema.optional(),
    request: z.unknown().optional(),
    reminder: z.unknown().optional(),
    /** On a `runway` event (§7), in place of a task. */
    runway: runwayAlertSchema.optional(),
  })
  .meta({ id: 'TaskEvent' });
export const eventStreamSchema = z
  .string()
  .meta({ id: 'EventStream', description: 'text/event-stream: `id`, `event` (the type) and `data` (a TaskEvent as JSON) per event; comments as keep-alives' });

export const failedJobSchema = z
  .strictObject({
    queue: z.enum(QUEUE_NAMES),
    id: z.string(),
    name: z.string(),
    data: z.unknown(),
    failedReason: z.string(),
    attemptsMade: count,
    failedAt: timestamp.nullable(),
  })
  .meta({ id: 'FailedJob' });
export const failedJobsSchema = z.strictObject({ jobs: z.array(failedJobSchema) }).meta({ id: 'FailedJobs' });
export const retriedJobSchema = z.strictObject({ retried: failedJobSchema }).meta({ id: 'RetriedJob' });

// ---------------------------------------------------------------- requests (§9)

export const requestHistoryEntrySchema = historyEntry(requestState).meta({ id: 'RequestHistoryEntry' });
export const requestSchema = z
  .strictObject({
    id: z.string(),
    enterprise: z.string(),
    category: requestCategory,
    title: z.string(),
    description: z.string(),
    counterpartProvince: province.optional(),
    counterpartEnterprise: z.string().optional(),
    assigneeProvince: province,
    state: requestState,
    raisedOn: day,
    raisedBy: z.string(),
    escalated: z.boolean(),
    escalatedAt: timestamp.optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
    deliveredAt: timestamp.optional(),
    resolvedAt: timestamp.optional(),
    reason: z.string().optional(),
    history: z.array(requestHistoryEntrySchema).optional(),
    leadersServed: count.nullable().meta({ description: 'Leaders its enterprise serves (§9); null when unknown to the analysis' }),
    task: z.string().nullable().meta({ description: 'The active task of its enterprise, if any' }),
  })
  .meta({ id: 'Request' });
export const requestAnswerSchema = requestSchema.extend({ revision }).meta({ id: 'RequestAnswer' });
export const requestPageSchema = z.strictObject({ revision, requests: z.array(requestSchema), nextCursor }).meta({ id: 'RequestPage' });
export const requestStatsSchema = z
  .strictObject({
    by: z.enum(['category', 'province']),
    groups: z.array(
      z.strictObject({
        key: z.string(),
        total: count,
        states: z.strictObject(Object.fromEntries(REQUEST_STATES.map((s) => [s, count])) as Record<(typeof REQUEST_STATES)[number], typeof count>),
        medianHoursToResolve: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'RequestStats' });

/** The runway fields where only leaders have them. */
function partial<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}
