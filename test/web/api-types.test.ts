/**
 * The web client's types of the API's answers (src/web/client/api-types.ts) are printed from
 * the OpenAPI description, itself generated from the zod schemas the server's answers are
 * checked against: the file must be what scripts/api-types.ts prints today, so a schema change
 * reaches the client's type check instead of drifting from a hand copy.
 */
import fs from 'node:fs';
import { API_TYPES_FILE, apiDescription, renderApiTypes } from '../../scripts/api-types';
import { ROLES } from '../../src/access/principal';

describe('the web client’s API types', () => {
  it('are the ones the current OpenAPI description prints (run `npx tsx scripts/api-types.ts` after changing a schema)', () => {
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(renderApiTypes(apiDescription()));
  });

  it('print every component schema, with optional fields, nullable references, records and unions', () => {
    const text = renderApiTypes(apiDescription());
    expect(text).toContain('export type Role = "coordinator" | "liaison" | "lead" | "reporter";');
    expect(text).toMatch(/export interface TaskHistoryEntry \{[^}]*from: TaskState \| null;[^}]*note\?: string;/);
    expect(text).toContain('export type Resumption = ResumptionFigure | ResumptionSeries;');
    expect(text).toMatch(/names: \{\n\s+\[key: string\]: string;/);
  });

  it('are the server’s role list, the one the client offers', () => {
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toContain(`export type Role = ${ROLES.map((r) => JSON.stringify(r)).join(' | ')};`);
    expect(fs.readFileSync('src/web/client/session.tsx', 'utf8')).toContain("export { ROLES } from '../../access/principal';");
  });
});
