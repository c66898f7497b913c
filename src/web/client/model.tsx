/** The shapes the UI reads from the API (CONTRACT §4), as far as the UI uses them. */

export type Role = 'coordinator' | 'liaison' | 'lead' | 'reporter';
export type Status = 'resumed' | 'partial' | 'suspended';
export type Availability = 'operating' | 'down' | 'blocked';
export type ChainState = 'clear' | 'blocked' | 'down';
export type TaskState = 'open' | 'acknowledged' | 'in_progress' | 'resolved' | 'cleared';
export type TaskAction = 'ack' | 'start' | 'resolve';

export interface Enterprise {
  id: string;
  name: string;
  role: 'leader' | 'supplier';
  industry: string;
  province: string;
  status: Status;
  capacityPct?: number;
  size?: string;
  city?: string;
  uscc?: string;
  contact?: string;
  currentStatus?: Status;
  currentAsOf?: string;
  currentCapacityPct?: number;
  availability?: Availability;
}

/** One row of GET /api/enterprises?q= (the search). */
export interface EnterpriseItem {
  id: string;
  name: string;
  role?: 'leader' | 'supplier';
  industry?: string;
  province?: string;
  status?: Status;
  availability?: Availability;
}

export interface ChainSummary {
  leader: string;
  /** The leader's name (when the server sends it). */
  name?: string;
  stopsOn?: string | null;
  daysLeft?: number | null;
  state: ChainState;
  rootCauses: string[];
  lostParts: string[];
}

export interface ChainDetail {
  revision: number;
  leader: Enterprise;
  state: ChainState;
  lostParts: Array<{ part: string; suppliers: Array<{ id: string; status: Status; availability: Availability }> }>;
  rootCauses: Array<{ id: string; province: string; path: string[] }>;
}

export interface Bottleneck {
  id: string;
  name?: string;
  earliestStop?: string | null;
  expectedResumeOn?: string | null;
  gapDays?: number | null;
  province: string;
  blockedLeaders: number;
  blockedEnterprises: number;
  unblocksIfResumed: number;
}

export interface UpstreamEnterprise {
  id: string;
  tier: number;
  role: 'leader' | 'supplier';
  province: string;
  status: Status;
  availability: Availability;
  parts: string[];
  customers: string[];
}

export interface Upstream {
  revision: number;
  id: string;
  tiers: Array<{ tier: number; enterprises: UpstreamEnterprise[] }>;
}

export interface StatusReport {
  enterprise: string;
  status: Status;
  capacityPct?: number;
  asOf: string;
  note?: string;
  reporter?: string;
  receivedAt?: string;
}

export interface TaskHistoryEntry {
  at: string;
  actor: string;
  from: TaskState | null;
  to: TaskState;
  note?: string;
}

export interface Task {
  id: string;
  supplier: string;
  supplierName?: string;
  stopsOn?: string | null;
  /** The supplier's active requests (CONTRACT §9), when the server has requests. */
  requests?: Array<string | { id: string; title: string; category: string; state: string; createdAt?: string; leadersServed?: number | null }>;
  assigneeProvince: string;
  affectedLeaders: string[];
  requestingProvinces: string[];
  blockedEnterprises?: number;
  priority: number;
  state: TaskState;
  escalated: boolean;
  escalatedAt?: string;
  createdAt: string;
  updatedAt: string;
  previousTask?: string;
  history?: TaskHistoryEntry[];
}

export interface TaskPage {
  revision: number;
  tasks: Task[];
  nextCursor: string | null;
}

export interface TaskEvent {
  id: number;
  type: string;
  at: string;
  province: string;
  /** Absent on a `runway` event (§7), which carries `runway` instead. */
  task?: Task;
  runway?: { leader: string; stopsOn: string; daysLeft: number; bindingRoot: string };
}

export interface ResumptionPoint {
  date: string;
  total: number;
  resumed: number;
  rate: number;
}

export interface ResumptionSeries {
  from: string;
  to: string;
  points: ResumptionPoint[];
  by?: 'province' | 'industry';
  series?: Array<{ key: string; label?: string; points: ResumptionPoint[] }>;
}

export interface ResumptionFigure extends ResumptionPoint {
  since?: string;
  sinceRate?: number;
  changePoints?: number;
}

export interface WhatIfChange {
  leader: string;
  before: ChainState;
  after: ChainState;
}
