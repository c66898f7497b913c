/** Request parsing: zod schemas in, typed values out, zod issues become field paths. */
import type { z } from 'zod';
import { zodDetails } from '../graph';
import { LinkageError } from '../shared/errors';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const out = schema.safeParse(value);
  if (out.success) return out.data;
  throw new LinkageError('invalid_input', `invalid request ${where}`, { details: zodDetails(out.error) });
}
