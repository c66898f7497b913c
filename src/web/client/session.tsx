/**
 * Who is signed in. The API has no "who am I" call, so the person says which kind of token
 * they hold (the coordinator who issued it told them) and for which province or enterprise,
 * and sign-in checks that claim with one call only such a token may make. A wrong claim is
 * caught at sign-in, not on some later screen. The server stays the authority: every call
 * is still checked there. Kept in sessionStorage: gone when the tab closes.
 */
import { Api, ApiError } from './api';
import { provinceText } from './labels';
import type { ChainDetail, Role } from './model';

export interface Session {
  token: string;
  role: Role;
  /** Liaison: the province. */
  province?: string;
  /** Lead and reporter: the enterprise. */
  enterprise?: string;
}

const KEY = 'linkage.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && typeof s.role === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export const ROLE_TEXT: Record<Role, string> = {
  coordinator: 'National coordinator',
  liaison: 'Provincial liaison',
  lead: 'Chain lead',
  reporter: 'Status reporter',
};

export function describeSession(s: Session): string {
  if (s.role === 'liaison' && s.province) return `${ROLE_TEXT.liaison} · ${provinceText(s.province)}`;
  if ((s.role === 'lead' || s.role === 'reporter') && s.enterprise) return `${ROLE_TEXT[s.role]} · ${s.enterprise}`;
  return ROLE_TEXT[s.role];
}

/**
 * Checks a claimed session against the server with one call that only such a token may
 * make; resolves to the session, or rejects with a message for the sign-in form.
 */
export async function verifySession(claim: Session): Promise<Session> {
  const api = new Api(claim.token);
  try {
    switch (claim.role) {
      case 'coordinator':
        await api.get('/api/audit', { limit: 1 });
        return { token: claim.token, role: 'coordinator' };
      case 'liaison': {
        if (!claim.province) throw new Error('Choose your province.');
        try {
          await api.get('/api/tasks', { province: claim.province, limit: 1 });
        } catch (err) {
          // Without the task service the province cannot be checked; the analysis can.
          if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 503)) throw err;
          await api.get('/api/bottlenecks');
        }
        return { token: claim.token, role: 'liaison', province: claim.province };
      }
      case 'lead': {
        const id = claim.enterprise?.trim();
        if (!id) throw new Error('Enter the id of your leader enterprise.');
        await api.get<ChainDetail>(`/api/chains/${encodeURIComponent(id)}`);
        return { token: claim.token, role: 'lead', enterprise: id };
      }
      case 'reporter': {
        const id = claim.enterprise?.trim();
        if (!id) throw new Error('Enter the id of your enterprise.');
        await api.get(`/api/enterprises/${encodeURIComponent(id)}`);
        return { token: claim.token, role: 'reporter', enterprise: id };
      }
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) throw new Error('This token is not valid: it may have expired or been revoked.');
    if (err.status === 403) throw new Error(`This token is not a ${ROLE_TEXT[claim.role].toLowerCase()} token${scopeText(claim)}.`);
    if (err.status === 404) throw new Error(`There is no ${claim.role === 'lead' ? 'leader' : 'enterprise'} "${claim.enterprise}".`);
    throw err;
  }
}

function scopeText(s: Session): string {
  if (s.role === 'liaison' && s.province) return ` for ${provinceText(s.province)}`;
  if (s.enterprise) return ` for ${s.enterprise}`;
  return '';
}
