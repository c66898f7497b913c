/** Request parsing: zod schemas in, typed values out, zod issues become field paths. */
import { z } from 'zod';
import { zodDetails } from '../graph';
import { LinkageError } from '../shared/errors';
import { resolveProvince } from '../shared/provinces';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const out = schema.safeParse(value);
  if (out.success) return out.data;
  throw new LinkageError('invalid_input', `invalid request ${where}`, { details: zodDetails(out.error) });
}

/**
 * A province as a filter or an argument names it as people do: by its GB/T 2260 code (420000),
 * its Chinese name with or without the suffix (湖北, 湖北省) or its English name (Hubei), as the
 * CLI does (resolveProvince). Parsed to the six-digit code; an unknown name is a 400 naming it.
 */
export const provinceArgument = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const code = resolveProvince(v);
    if (code !== undefined) return code;
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a province: give its code (420000), its Chinese name (湖北 or 湖北省) or its English name (Hubei)` });
    return z.NEVER;
  })
  .meta({ description: 'A province by six-digit GB/T 2260 code, Chinese name (with or without 省/市/自治区) or English name', examples: ['420000', '湖北', 'Hubei'] });

/**
 * A body whose fields name provinces (a liaison token's `province`, a request's
 * `counterpartProvince`) takes their names too: each is resolved to its code before the
 * domain's schema, which knows codes only, reads the body; an unknown name is the same 400 as
 * in a filter.
 */
export function withProvinceCodes(body: unknown, fields: readonly string[]): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of fields) {
    if (typeof out[field] === 'string') out[field] = parse(z.object({ [field]: provinceArgument }), { [field]: out[field] }, 'body')[field];
  }
  return out;
}

/**
 * For the OpenAPI description of a body that withProvinceCodes reads: `schema` with those
 * fields described as province arguments (code or name), as the route accepts them.
 */
export function describedWithProvinceNames(schema: z.ZodObject, fields: readonly string[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = { ...schema.shape };
  for (const field of fields) shape[field] = provinceArgument.optional();
  return z.strictObject(shape);
}
