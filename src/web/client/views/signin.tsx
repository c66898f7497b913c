/** Sign-in: the token alone; the server says what it is for. */
import { h, replace } from '../dom';
import type { Role } from '../model';
import { ROLE_TEXT, saveSession, signIn, type Session } from '../session';

const ROLE_HINT: Record<Role, string> = {
  coordinator: 'All provinces: dashboard, chains, tasks, what-if.',
  liaison: "One province's task inbox, chains and what-if.",
  lead: "One leader's chain: its suppliers and what blocks it.",
  reporter: "Reports one enterprise's status.",
};

export function signInView(root: HTMLElement, message: string | undefined, onSignedIn: (s: Session) => void): void {
  document.title = 'Sign in · linkage';
  const error = <div class="note note-error" role="alert" hidden />;
  const token = <input id="signin-token" name="token" type="password" autocomplete="off" spellcheck="false" required /> as HTMLInputElement;
  const submit = <button type="submit" class="btn btn-primary btn-block">Sign in</button> as HTMLButtonElement;

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Checking…';
    try {
      const session = await signIn(token.value.trim());
      saveSession(session);
      onSignedIn(session);
    } catch (err) {
      replace(error, (err as Error).message);
      error.hidden = false;
      submit.disabled = false;
      submit.textContent = 'Sign in';
      token.focus();
    }
  }

  if (message) {
    replace(error, message);
    error.hidden = false;
  }

  replace(
    root,
    <main class="signin" id="main">
      <form class="card signin-card" aria-labelledby="signin-title" onSubmit={onSubmit}>
        <div class="signin-brand">
          <img src="/assets/icon.svg" alt="" width="40" height="40" />
          <div>
            <h1 id="signin-title">Sign in to linkage</h1>
            <p class="muted">
              <span lang="zh-CN">重点产业链协同</span> · Key industrial chain coordination
            </p>
          </div>
        </div>
        {error}
        <div class="field">
          <label for="signin-token">Access token</label>
          {token}
          <small class="hint">Issued by your national coordinator. Kept in this browser tab only.</small>
        </div>
        {submit}
        <section class="role-hints" aria-labelledby="role-hints-title">
          <h2 id="role-hints-title">What your token opens</h2>
          <dl>
            {(Object.keys(ROLE_TEXT) as Role[]).map((r) => (
              <div>
                <dt>{ROLE_TEXT[r]}</dt>
                <dd>{ROLE_HINT[r]}</dd>
              </div>
            ))}
          </dl>
        </section>
      </form>
    </main>,
  );
  token.focus();
}
