/**
 * Zod schemas for CONTRACT §1 and §5: enterprises, supply links, status reports and the
 * import document. Objects are strict: an unknown field is rejected with its path.
 */
import { z } from 'zod';
import { isProvinceCode } from '../shared/provinces';
import { usccProblem } from './uscc';
import { clientDateProblem } from './client-dates';

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const ROLES = ['leader', 'supplier'] as const;
export const STATUSES = ['resumed', 'partial', 'suspended'] as const;
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;

export const idSchema = z.string().regex(ID_PATTERN, 'must be 1-64 characters of A-Za-z0-9_.:-');
export const slugSchema = z.string().max(64, 'must be at most 64 characters').regex(SLUG_PATTERN, 'must be a lowercase slug like "wiring-harness"');

/**
 * A real calendar date written YYYY-MM-DD, in the window of dates a client may send
 * (client-dates.ts: from 2000-01-01 to tomorrow). Every date field of every input is
 * declared with this schema: that is what puts it in the window.
 */
export const dateSchema = z.string().superRefine((s, ctx) => {
  if (!isIsoDate(s)) {
    ctx.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD' });
    return;
  }
  const problem = clientDateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export function isIsoDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const provinceSchema = z.string().refine(isProvinceCode, 'must be the six-digit GB/T 2260 code of a provincial-level division');

export const usccSchema = z.string().superRefine((code, ctx) => {
  const problem = usccProblem(code);
  if (problem === 'length') ctx.addIssue({ code: 'custom', message: 'must be 18 characters' });
  else if (problem === 'characters') ctx.addIssue({ code: 'custom', message: 'has characters outside the USCC alphabet' });
  else if (problem === 'check_digit') ctx.addIssue({ code: 'custom', message: 'check digit does not match' });
});

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(STATUSES);
export const sizeSchema = z.enum(SIZES);
export const capacitySchema = z.number().min(0).max(100);
const text = (max: number) => z.string().min(1).max(max);

export const enterpriseSchema = z.strictObject({
  id: idSchema,
  name: text(200),
  role: roleSchema,
  industry: slugSchema,
  province: provinceSchema,
  status: statusSchema,
  capacityPct: capacitySchema.optional(),
  size: sizeSchema.optional(),
  city: text(100).optional(),
  uscc: usccSchema.optional(),
  contact: text(200).optional(),
  /** From when it counts in statistics (§1, §4); default: the day it is first imported. */
  since: dateSchema.optional(),
});

export const linkSchema = z
  .strictObject({
    supplier: idSchema,
    customer: idSchema,
    part: slugSchema,
    critical: z.boolean().default(true),
  })
  .refine((l) => l.supplier !== l.customer, { message: 'a supplier cannot supply itself', path: ['customer'] });

export const statusReportInputSchema = z.strictObject({
  enterprise: idSchema,
  status: statusSchema,
  capacityPct: capacitySchema.optional(),
  asOf: dateSchema.optional(),
  note: z.string().max(2000).optional(),
  reporter: text(200).optional(),
  /** §7: the reporter's estimate of when a suspended enterprise resumes. */
  expectedResumeOn: dateSchema.optional(),
});

/** §7: at most ten years of stock; whole days, as stop dates are. */
export const INVENTORY_DAYS_MAX = 3650;
export const inventoryDaysSchema = z.number().int('must be a whole number of days').min(0, 'must be at least 0').max(INVENTORY_DAYS_MAX, `must be at most ${INVENTORY_DAYS_MAX}`);

/** §7: an inventory report as an import document carries it (`inventories`). */
export const inventoryReportInputSchema = z.strictObject({
  customer: idSchema,
  part: slugSchema,
  days: inventoryDaysSchema,
  asOf: dateSchema.optional(),
  note: z.string().max(2000).optional(),
  reporter: text(200).optional(),
});

export const importDocumentSchema = z.strictObject({
  enterprises: z.array(enterpriseSchema).default([]),
  links: z.array(linkSchema).default([]),
  statusReports: z.array(statusReportInputSchema).default([]),
  // Optional in the parsed type too, so documents built in code without stock stay valid.
  inventories: z.array(inventoryReportInputSchema).optional(),
});

/** The body of PUT /api/enterprises/:id/status. */
export const statusUpdateSchema = z.strictObject({
  status: statusSchema,
  capacityPct: capacitySchema.optional(),
  asOf: dateSchema.optional(),
  note: z.string().max(2000).optional(),
  expectedResumeOn: dateSchema.optional(),
});

/** The body of PUT /api/enterprises/:id/inventory (§7). */
export const inventoryUpdateSchema = z.strictObject({
  part: slugSchema,
  days: inventoryDaysSchema,
  asOf: dateSchema.optional(),
  note: z.string().max(2000).optional(),
});

export type Role = z.infer<typeof roleSchema>;
export type Status = z.infer<typeof statusSchema>;
export type Size = z.infer<typeof sizeSchema>;
export type Enterprise = z.infer<typeof enterpriseSchema>;
export type Link = z.infer<typeof linkSchema>;
export type StatusReportInput = z.infer<typeof statusReportInputSchema>;
export type ImportDocument = z.infer<typeof importDocumentSchema>;
export type ImportDocumentInput = z.input<typeof importDocumentSchema>;
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
export type InventoryReportInput = z.infer<typeof inventoryReportInputSchema>;
export type InventoryUpdate = z.infer<typeof inventoryUpdateSchema>;

/** A status report as stored: asOf and reporter resolved, with its receipt order. */
export interface StatusReport {
  seq: number;
  enterprise: string;
  status: Status;
  capacityPct?: number;
  asOf: string;
  note?: string;
  /** Who reported it: the token's actor for API writes; absent for imported reports without one. */
  reporter?: string;
  expectedResumeOn?: string;
  receivedAt: string;
}

/** An inventory report as stored (§7): asOf resolved, with its receipt order. */
export interface InventoryReport {
  seq: number;
  customer: string;
  part: string;
  days: number;
  asOf: string;
  note?: string;
  reporter?: string;
  receivedAt: string;
}

export const ENTERPRISE_OPTIONAL_FIELDS = ['capacityPct', 'size', 'city', 'uscc', 'contact'] as const;
