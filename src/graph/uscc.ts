/**
 * Unified social credit codes (GB 32100-2015): 18 characters from a 31-symbol alphabet,
 * the last one a check character over the first 17 (weights 3^i mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a code. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar: expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`usccCheckChar: invalid character "${first17[i]}"`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type UsccProblem = 'length' | 'characters' | 'check_digit';

/** Why a code is invalid, or null when it is valid. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check_digit';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** Completes 17 characters into a valid code (used by the scenario generator and tests). */
export function withUsccCheckChar(first17: string): string {
  return first17 + usccCheckChar(first17);
}
