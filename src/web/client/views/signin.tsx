/** Sign-in: the token alone; the server says what it is for. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useTitle } from '../app';
import { t, type MessageKey } from '../i18n';
import { LangSwitch } from '../lang-switch';
import { roleName, ROLES, saveSession, signIn, type Session } from '../session';
import { errorText } from '../ui';

export function SignInView(props: { message?: MessageKey; onSignedIn: (s: Session) => void }) {
  useTitle(t('signin.title'));
  const [error, setError] = useState<unknown>(props.message ? new Error(`msg:${props.message}`) : null);
  const [busy, setBusy] = useState(false);
  const token = useRef<HTMLInputElement>(null);
  useEffect(() => token.current?.focus(), []);

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const session = await signIn(token.current!.value.trim());
      saveSession(session);
      props.onSignedIn(session);
    } catch (err) {
      setError(err);
      setBusy(false);
      token.current?.focus();
    }
  }

  return (
    <main class="signin" id="main">
      <div class="signin-lang">
        <LangSwitch />
      </div>
      <form class="card signin-card" aria-labelledby="signin-title" onSubmit={onSubmit}>
        <div class="signin-brand">
          <img src="/assets/icon.svg" alt="" width="40" height="40" />
          <div>
            <h1 id="signin-title">{t('signin.heading')}</h1>
            <p class="muted">{t('app.tagline')}</p>
          </div>
        </div>
        {error ? (
          <div class="note note-error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        <div class="field">
          <label for="signin-token">{t('signin.token')}</label>
          <input id="signin-token" ref={token} name="token" type="password" autocomplete="off" spellcheck={false} required />
          <small class="hint">{t('signin.tokenHint')}</small>
        </div>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('signin.checking') : t('signin.submit')}
        </button>
        <section class="role-hints" aria-labelledby="role-hints-title">
          <h2 id="role-hints-title">{t('signin.rolesTitle')}</h2>
          <dl>
            {ROLES.map((r) => (
              <div>
                <dt>{roleName(r)}</dt>
                <dd>{t(`signin.hint.${r}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </form>
    </main>
  );
}
