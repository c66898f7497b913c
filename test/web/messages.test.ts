/**
 * The web UI's message catalogue: every key in both languages (the type says so at compile
 * time; this says so at run time, for any catalogue edited without the compiler), the same
 * placeholders in both, no empty message, and counted messages with at most the forms the
 * language has.
 */
import type { ErrorCode } from '../../src/shared/errors';
import { CATALOGUES, LANGS } from '../../src/web/client/messages';

/** Typed: a new API error code does not compile here until it is listed (and translated). */
const CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  payload_too_large: true,
  not_ready: true,
  rate_limited: true,
  internal: true,
};

const placeholders = (msg: string) => [...new Set(msg.match(/\{\w+\}/g) ?? [])].sort();

describe('the message catalogue of the web UI', () => {
  const [zh, en] = [CATALOGUES['zh-CN'], CATALOGUES.en];

  it('has Simplified Chinese first (the default) and English', () => {
    expect(LANGS).toEqual(['zh-CN', 'en']);
  });

  it('has every key in both languages', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(200);
  });

  it('fills the same placeholders in both languages', () => {
    const differ = Object.keys(en).filter((k) => {
      const zhForms = zh[k as keyof typeof zh].split('|').map(placeholders);
      const enForms = en[k as keyof typeof en].split('|').map(placeholders);
      const all = (forms: string[][]) => [...new Set(forms.flat())].sort().join();
      return all(zhForms) !== all(enForms);
    });
    expect(differ).toEqual([]);
  });

  it('leaves no message empty, and gives Chinese one plural form and English at most two', () => {
    for (const lang of LANGS) {
      for (const [k, msg] of Object.entries(CATALOGUES[lang])) {
        expect(`${k}: ${msg.trim().length > 0}`).toBe(`${k}: true`);
        expect(`${k}: ${msg.split('|').length <= (lang === 'en' ? 2 : 1)}`).toBe(`${k}: true`);
      }
    }
  });

  it('writes the Chinese catalogue in Chinese', () => {
    // Keys whose Chinese text may be Latin only: units and separators.
    const latin = Object.entries(zh)
      .filter(([, msg]) => !/[\u4e00-\u9fff]/.test(msg))
      .map(([k]) => k);
    expect(latin.sort()).toEqual(['common.listSep', 'unit.pct', 'whatIf.link'].sort());
  });

  it('translates every API error code', () => {
    const missing = Object.keys(CODES).flatMap((code) => LANGS.filter((l) => !(`error.${code}` in CATALOGUES[l])).map((l) => `${l} error.${code}`));
    expect(missing).toEqual([]);
  });
});
