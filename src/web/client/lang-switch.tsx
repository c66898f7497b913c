/** The language switch: visible on every screen, remembered by the browser. */
import { lang, LANGS, setLang, t } from './i18n';

const NATIVE: Record<(typeof LANGS)[number], string> = { 'zh-CN': '中文', en: 'English' };

export function LangSwitch() {
  return (
    <div class="lang-switch" role="group" aria-label={t('app.language')}>
      {LANGS.map((l) => (
        <button type="button" class="btn btn-quiet btn-small" lang={l} aria-pressed={lang.value === l} onClick={() => setLang(l)}>
          {NATIVE[l]}
        </button>
      ))}
    </div>
  );
}
