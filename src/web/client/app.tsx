/**
 * The signed-in application: header with the role's navigation, the live-update status and
 * sign-out; a hash router mounting one view at a time; one polite live region through which
 * views announce what changed.
 */
import { Api } from './api';
import { h, replace } from './dom';
import { provinceText } from './labels';
import { LiveFeed, type LiveState } from './live';
import type { Role } from './model';
import { clearSession, describeSession, type Session } from './session';
import { chainsView } from './views/chains';
import { dashboardView } from './views/dashboard';
import { inboxView } from './views/inbox';
import { leadView } from './views/lead';
import { reportView } from './views/report';
import { whatIfView } from './views/what-if';

export interface Ctx {
  api: Api;
  session: Session;
  /** Live task events; null for roles without tasks. */
  live: LiveFeed | null;
  /**
   * Tells everyone (screen readers included) what just changed. Background news (live
   * events) never overwrites the answer to something the person just did.
   */
  announce(text: string, opts?: { background?: boolean }): void;
}

export interface View {
  el: HTMLElement;
  title: string;
  dispose?(): void;
}

export interface Route {
  /** First segment of the hash path. */
  name: string;
  label: string;
  mount(ctx: Ctx, args: string[], params: URLSearchParams): View;
}

const ROUTES: Record<string, Route> = {
  dashboard: { name: 'dashboard', label: 'Dashboard', mount: dashboardView },
  chains: { name: 'chains', label: 'Chains', mount: chainsView },
  inbox: { name: 'inbox', label: 'Tasks', mount: inboxView },
  'what-if': { name: 'what-if', label: 'What-if', mount: whatIfView },
  chain: { name: 'chain', label: 'My chain', mount: leadView },
  report: { name: 'report', label: 'Report status', mount: reportView },
};

/** What each role may open, first one is its home. */
const NAV: Record<Role, string[]> = {
  coordinator: ['dashboard', 'chains', 'inbox', 'what-if', 'report'],
  liaison: ['inbox', 'dashboard', 'chains', 'what-if'],
  lead: ['chain'],
  reporter: ['report'],
};

/** How long an announcement answering the person's own action stays up against live news. */
const FOREGROUND_HOLD_MS = 4000;

const EVENT_TEXT: Record<string, string> = {
  'task.opened': 'opened',
  'task.updated': 'updated',
  'task.acknowledged': 'acknowledged',
  'task.started': 'in progress',
  'task.resolved': 'resolved',
  'task.cleared': 'cleared',
  'task.escalated': 'escalated',
};

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
  unavailable: 'Live updates off',
};

export function parseHash(hash: string): { name: string; args: string[]; params: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const [name = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name, args, params: new URLSearchParams(query) };
}

/** Mounts the app for a session; `onSignOut` gets a message when the server ended the session. */
export function startApp(root: HTMLElement, session: Session, onSignOut: (message?: string) => void): () => void {
  const api = new Api(session.token);
  const hasTasks = session.role === 'coordinator' || session.role === 'liaison';
  const live = hasTasks ? new LiveFeed(api) : null;
  const allowed = NAV[session.role];

  const toast = <div class="toast" role="status" aria-live="polite" aria-atomic="true" />;
  let toastTimer: number | undefined;
  let lastForeground = 0;
  const announce = (text: string, opts: { background?: boolean } = {}) => {
    if (opts.background && Date.now() - lastForeground < FOREGROUND_HOLD_MS) return;
    if (!opts.background) lastForeground = Date.now();
    toast.textContent = text;
    toast.classList.add('toast-visible');
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => toast.classList.remove('toast-visible'), 5000);
  };

  const liveDot = <span class="live live-connecting" role="status" />;
  const setLive = (s: LiveState) => {
    liveDot.className = `live live-${s}`;
    liveDot.textContent = LIVE_TEXT[s];
    liveDot.hidden = s === 'unavailable';
  };

  const navLinks = allowed.map((name) => (
    <a href={`#/${name}`} class="nav-link" data-route={name}>
      {ROUTES[name].label}
    </a>
  ));
  const main = <main id="main" class="main" tabindex="-1" />;
  let current: View | null = null;
  let firstRoute = true;

  const skipToContent = (e: Event) => {
    e.preventDefault();
    main.focus();
  };

  let ended = false;
  const end = (message?: string) => {
    if (ended) return;
    ended = true;
    teardown();
    clearSession();
    onSignOut(message);
  };
  const signOut = () => end();

  const ctx: Ctx = {
    api,
    session,
    live,
    announce,
  };

  function route(): void {
    const { name, args, params } = parseHash(location.hash);
    if (!allowed.includes(name)) {
      history.replaceState(null, '', `#/${allowed[0]}`);
      return route();
    }
    current?.dispose?.();
    current = ROUTES[name].mount(ctx, args, params);
    replace(main, current.el);
    document.title = `${current.title} · linkage`;
    for (const a of navLinks) {
      if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (!firstRoute) main.focus({ preventScroll: false });
    firstRoute = false;
  }

  replace(
    root,
    <a class="skip-link" href="#main" onClick={skipToContent}>
      Skip to content
    </a>,
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href={`#/${allowed[0]}`}>
          <img src="/assets/icon.svg" alt="" width="28" height="28" />
          <span class="brand-name">linkage</span>
          <span class="brand-sub">
            <span lang="zh-CN">产业链协同</span> · Industrial chain coordination
          </span>
        </a>
        <div class="topbar-right">
          {liveDot}
          <span class="identity" data-testid="identity">
            {describeSession(session)}
          </span>
          <button type="button" class="btn btn-quiet btn-small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </div>
      <nav class="nav" aria-label="Main">
        <div class="nav-inner">{navLinks}</div>
      </nav>
    </header>,
    main,
    toast,
  );

  api.onUnauthorized = () => end('The server no longer accepts this token (expired or revoked). Sign in again.');

  if (live) {
    live.subscribe({
      onState: setLive,
      onEvent: (e) =>
        announce(
          e.runway
            ? `Live update: ${e.runway.leader} stops on ${e.runway.stopsOn} (${e.runway.daysLeft} days left; root cause ${e.runway.bindingRoot}).`
            : `Live update: task for ${e.task?.supplier} (${provinceText(e.province)}) ${EVENT_TEXT[e.type] ?? e.type}.`,
          { background: true },
        ),
    });
    live.start();
  } else {
    liveDot.hidden = true;
  }
  window.addEventListener('hashchange', route);
  route();

  function teardown(): void {
    window.removeEventListener('hashchange', route);
    live?.stop();
    current?.dispose?.();
    current = null;
  }
  return teardown;
}
