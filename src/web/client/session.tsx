/**
 * Who is signed in. The person gives only the token; `GET /api/whoami` says what it is (role,
 * and the province or enterprise it is scoped to), so nobody has to know or choose that. The
 * server stays the authority: every call is still checked there. Kept in sessionStorage: gone
 * when the tab closes.
 */
import { Api, ApiError } from './api';
import { t } from './i18n';
import { provinceText } from './labels';
import { nameOf } from './names';
import type { Principal, Role } from './model';

/** The roles, in the order they are offered: the server's one list (src/access/principal.ts). */
export { ROLES } from '../../access/principal';

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

export function roleName(r: Role): string {
  return t(`role.${r}`);
}

export function describeSession(s: Session): string {
  if (s.role === 'liaison' && s.province) return `${roleName('liaison')} · ${provinceText(s.province)}`;
  if ((s.role === 'lead' || s.role === 'reporter') && s.enterprise) return `${roleName(s.role)} · ${nameOf(s.enterprise)}`;
  return roleName(s.role);
}

/** The session a token opens; rejects with a message for the sign-in form. */
export async function signIn(token: string): Promise<Session> {
  if (!token) throw new Error('msg:signin.empty');
  try {
    const who = await new Api(token).get<Principal>('/api/whoami');
    return {
      token,
      role: who.role,
      ...(who.province ? { province: who.province } : {}),
      ...(who.enterprise ? { enterprise: who.enterprise } : {}),
    };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw new Error('msg:signin.invalid');
    throw err;
  }
}
