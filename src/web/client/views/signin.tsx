/** Sign-in: the token, which kind of token it is, and its province or enterprise. */
import { h, replace } from '../dom';
import { PROVINCES } from '../labels';
import type { Role } from '../model';
import { ROLE_TEXT, saveSession, verifySession, type Session } from '../session';

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
  const province = (
    <select id="signin-province" name="province">
      <option value="">Choose a province…</option>
      {PROVINCES.map((p) => (
        <option value={p.code}>
          {p.zh} {p.en}
        </option>
      ))}
    </select>
  ) as HTMLSelectElement;
  const enterprise = <input id="signin-enterprise" name="enterprise" type="text" autocomplete="off" spellcheck="false" placeholder="e.g. L-AUTO-05" /> as HTMLInputElement;
  const provinceField = (
    <div class="field" hidden>
      <label for="signin-province">Province</label>
      {province}
    </div>
  );
  const enterpriseLabel = <label for="signin-enterprise">Enterprise id</label>;
  const enterpriseField = (
    <div class="field" hidden>
      {enterpriseLabel}
      {enterprise}
    </div>
  );
  const submit = <button type="submit" class="btn btn-primary btn-block">Sign in</button> as HTMLButtonElement;

  const roleChoice = (
    <fieldset class="role-choice">
      <legend>This token is for a</legend>
      {(Object.keys(ROLE_TEXT) as Role[]).map((r, i) => (
        <label class="role-option">
          <input type="radio" name="role" value={r} checked={i === 0} onChange={() => showScopeFields()} />
          <span>
            <strong>{ROLE_TEXT[r]}</strong>
            <small>{ROLE_HINT[r]}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );

  const chosenRole = (): Role => ((roleChoice.querySelector('input[name=role]:checked') as HTMLInputElement | null)?.value ?? 'coordinator') as Role;

  function showScopeFields(): void {
    const role = chosenRole();
    provinceField.hidden = role !== 'liaison';
    enterpriseField.hidden = role !== 'lead' && role !== 'reporter';
    enterpriseLabel.textContent = role === 'lead' ? 'Leader enterprise id' : 'Enterprise id';
  }

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Checking…';
    try {
      const session = await verifySession({ token: token.value.trim(), role: chosenRole(), province: province.value || undefined, enterprise: enterprise.value || undefined });
      saveSession(session);
      onSignedIn(session);
    } catch (err) {
      replace(error, (err as Error).message);
      error.hidden = false;
      submit.disabled = false;
      submit.textContent = 'Sign in';
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
        {roleChoice}
        {provinceField}
        {enterpriseField}
        {submit}
      </form>
    </main>,
  );
  token.focus();
}
