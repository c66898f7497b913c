/** Parsers of CLI flag values: each fails with a UsageError (exit code 2) naming the flag. */
import { resolveProvince } from '../shared/provinces';
import { UsageError } from './usage';

/** A TCP port, 0 to 65535 (0: any free port). */
export function portArg(v: string | boolean | undefined, flag = '--port'): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535 (got "${v}")`);
  return n;
}

/** One of a fixed list of words. */
export function choiceArg<T extends string>(v: string | boolean | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(String(v))) throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got "${v}")`);
  return v as T;
}

/** A province by code, Chinese or English name (see resolveProvince); its six-digit code. */
export function provinceArg(v: string | boolean | undefined, flag = '--province'): string | undefined {
  if (v === undefined) return undefined;
  const code = resolveProvince(String(v));
  if (!code) throw new UsageError(`${flag}: "${v}" is not a province (give its code like 420000, its Chinese name like 湖北 or 湖北省, or its English name like Hubei)`);
  return code;
}
