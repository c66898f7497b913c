/**
 * The shapes the UI reads from the API: the server's own description (api-types.ts, generated
 * from the zod schemas of src/http/responses.ts by scripts/api-types.ts), under the names the
 * views use. Nothing here is written by hand but the unions of what one view reads from
 * several answers.
 */
import type * as Api from './api-types';

export type {
  Alternates,
  AuditEntry,
  Availability,
  Bottleneck,
  Bottlenecks,
  ChainDetail,
  ChainList,
  ChainState,
  ChainSummary,
  EnterpriseItem,
  EnterpriseSearch,
  IssuedToken,
  Principal,
  Reporting,
  /** An enterprise request (§9); `Request` would hide the DOM's. */
  Request as EnterpriseRequest,
  RequestPage,
  RequestState,
  ResumptionFigure,
  ResumptionPoint,
  ResumptionSeries,
  Role,
  Runway,
  RunwayLeader,
  Status,
  StatusHistory,
  StatusReport,
  StatusReportWritten,
  TaskEvent,
  TaskHistoryEntry,
  TaskPage,
  TaskState,
  TaskWritten,
  Token,
  TokenList,
  Upstream,
  UpstreamEnterprise,
  WhatIf,
  WhatIfChange,
} from './api-types';

/** GET /api/enterprises/:id: the enterprise with its availability. */
export type Enterprise = Api.EnterpriseAnswer;

/** A task as listed, read alone or answered after a move: what the list adds is there when listed. */
export type Task = Api.Task & Partial<Pick<Api.TaskListed, 'supplierName' | 'requests'>>;

/** The moves a task may make (the `…/{action}` of POST /api/tasks/:id/{ack,start,resolve}): the server's one list (src/coordination/model.ts ACTIONS). */
export type { TaskAction } from '../../coordination/model';
