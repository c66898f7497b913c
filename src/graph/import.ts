/**
 * The import use case (CONTRACT §5): validate a whole document — shape, duplicates and
 * references — and hand it to the store only when every row is valid. Every problem is
 * reported at once, by path, so one round trip fixes a file.
 */
import type { z } from 'zod';
import { LinkageError, formatPath, type ErrorDetail } from '../shared/errors';
import { ID_PATTERN, importDocumentSchema, type ImportDocument } from './schema';
import type { CustomerPart, GraphStore, ImportOutcome, ProgressFn, WriteContext } from './store';

/** zod issues as `{path, message}` with paths like `links[3].supplier`. */
export function zodDetails(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    // An unknown field is reported at its own path, not at the object holding it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...prefix, ...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: formatPath([...prefix, ...issue.path]) || '(root)', message: issue.message }];
  });
}

/** Parses the document's shape; throws invalid_input listing every problem. */
export function parseImportDocument(raw: unknown): ImportDocument {
  const parsed = importDocumentSchema.safeParse(raw);
  if (!parsed.success) throw rejected(zodDetails(parsed.error));
  return parsed.data;
}

/** The parts of a document the reference checks read; rows that failed the shape check may lack them. */
interface LooseDocument {
  enterprises: Array<{ id?: unknown }>;
  links: Array<{ supplier?: unknown; customer?: unknown; part?: unknown }>;
  statusReports: Array<{ enterprise?: unknown }>;
  inventories: Array<{ customer?: unknown; part?: unknown }>;
}

function loose(raw: unknown): LooseDocument {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rows = (v: unknown) => (Array.isArray(v) ? v.map((r) => (typeof r === 'object' && r !== null ? r : {})) : []);
  return { enterprises: rows(obj.enterprises), links: rows(obj.links), statusReports: rows(obj.statusReports), inventories: rows(obj.inventories) };
}

/**
 * Problems that need the whole document or the store: duplicate keys and unknown
 * enterprises. Runs on the raw rows too, so a document with shape errors still gets
 * its reference problems listed in the same answer.
 */
export async function referenceProblems(doc: Omit<LooseDocument, 'inventories'> & Partial<Pick<LooseDocument, 'inventories'>>, store: GraphStore): Promise<ErrorDetail[]> {
  const inventories = doc.inventories ?? [];
  const problems: ErrorDetail[] = [];
  const defined = new Map<string, number>();
  doc.enterprises.forEach((e, i) => {
    if (typeof e.id !== 'string') return;
    const first = defined.get(e.id);
    if (first !== undefined) problems.push({ path: `enterprises[${i}].id`, message: `duplicate enterprise "${e.id}" (first at enterprises[${first}])` });
    else defined.set(e.id, i);
  });
  const linkKeys = new Map<string, number>();
  doc.links.forEach((l, i) => {
    const key = `${l.supplier}\u0000${l.customer}\u0000${l.part}`;
    const first = linkKeys.get(key);
    if (first !== undefined) problems.push({ path: `links[${i}]`, message: `duplicate link ${l.supplier} -> ${l.customer} for "${l.part}" (first at links[${first}])` });
    else linkKeys.set(key, i);
  });

  const referenced = new Set<string>();
  const isRef = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
  for (const l of doc.links) {
    if (isRef(l.supplier) && !defined.has(l.supplier)) referenced.add(l.supplier);
    if (isRef(l.customer) && !defined.has(l.customer)) referenced.add(l.customer);
  }
  for (const r of doc.statusReports) if (isRef(r.enterprise) && !defined.has(r.enterprise)) referenced.add(r.enterprise);
  for (const r of inventories) if (isRef(r.customer) && !defined.has(r.customer)) referenced.add(r.customer);
  const missing = new Set(referenced.size ? await store.missingEnterprises([...referenced]) : []);
  if (missing.size) {
    doc.links.forEach((l, i) => {
      for (const side of ['supplier', 'customer'] as const) {
        const id = l[side];
        if (typeof id === 'string' && missing.has(id)) problems.push({ path: `links[${i}].${side}`, message: `unknown enterprise "${id}"` });
      }
    });
    doc.statusReports.forEach((r, i) => {
      if (typeof r.enterprise === 'string' && missing.has(r.enterprise)) problems.push({ path: `statusReports[${i}].enterprise`, message: `unknown enterprise "${r.enterprise}"` });
    });
  }
  problems.push(...(await inventoryProblems(inventories, doc.links, missing, store)));
  return problems;
}

/**
 * §7: stock is reported by a link's customer for the link's part. An inventory row whose
 * customer is known but has no link for the part, in the document or the store, is rejected.
 */
async function inventoryProblems(
  inventories: LooseDocument['inventories'],
  links: LooseDocument['links'],
  missing: ReadonlySet<string>,
  store: GraphStore,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  if (inventories.length === 0) return problems;
  const key = (customer: unknown, part: unknown) => JSON.stringify([customer, part]);
  const inDocument = new Set(links.map((l) => key(l.customer, l.part)));
  const toCheck = new Map<string, CustomerPart>();
  inventories.forEach((r) => {
    if (typeof r.customer !== 'string' || typeof r.part !== 'string' || missing.has(r.customer)) return;
    if (!inDocument.has(key(r.customer, r.part))) toCheck.set(key(r.customer, r.part), { customer: r.customer, part: r.part });
  });
  const unlinked = new Set((toCheck.size ? await store.missingCustomerParts([...toCheck.values()]) : []).map((p) => key(p.customer, p.part)));
  inventories.forEach((r, i) => {
    if (typeof r.customer === 'string' && missing.has(r.customer)) {
      problems.push({ path: `inventories[${i}].customer`, message: `unknown enterprise "${r.customer}"` });
    } else if (unlinked.has(key(r.customer, r.part))) {
      problems.push({ path: `inventories[${i}].part`, message: `enterprise "${String(r.customer)}" has no supplier of "${String(r.part)}"` });
    }
  });
  return problems;
}

function rejected(details: ErrorDetail[]): LinkageError {
  const n = details.length;
  return new LinkageError('invalid_input', `import rejected: ${n} problem${n === 1 ? '' : 's'}`, { details });
}

/** Every problem of a raw document (shape and references), by path; empty when it would import. */
export async function documentProblems(store: GraphStore, raw: unknown): Promise<ErrorDetail[]> {
  const parsed = importDocumentSchema.safeParse(raw);
  const problems = parsed.success ? [] : zodDetails(parsed.error);
  problems.push(...(await referenceProblems(parsed.success ? parsed.data : loose(raw), store)));
  return problems;
}

/** An invalid_input error listing `details` (the import's 400). */
export function importRejected(details: ErrorDetail[]): LinkageError {
  return rejected(details);
}

/** Validates and applies a document atomically: all of it, or nothing. */
export async function importDocument(store: GraphStore, raw: unknown, ctx: WriteContext, onProgress?: ProgressFn): Promise<ImportOutcome> {
  const parsed = importDocumentSchema.safeParse(raw);
  const problems = parsed.success ? [] : zodDetails(parsed.error);
  problems.push(...(await referenceProblems(parsed.success ? parsed.data : loose(raw), store)));
  if (problems.length || !parsed.success) throw rejected(problems);
  return store.applyImport(parsed.data, ctx, onProgress);
}
