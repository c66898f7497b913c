/**
 * The signed-in application: header with the role's navigation, the language switch, the
 * live-update status and sign-out; a hash router showing one view at a time; one polite
 * live region through which views announce what changed.
 */
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Api } from './api';
import { capabilities, type Capabilities } from './capabilities';
import { LangSwitch } from './lang-switch';
import { t, tMaybe, type MessageKey } from './i18n';
import { provinceText } from './labels';
import { LiveFeed, type LiveState } from './live';
import type { Role } from './model';
import { nameOf } from './names';
import { describeSession, type Session } from './session';
import { ChainsView } from './views/chains';
import { DashboardView } from './views/dashboard';
import { InboxView } from './views/inbox';
import { LeadView } from './views/lead';
import { AccessView } from './views/access';
import { ReportView } from './views/report';
import { RunwayView } from './views/runway';
import { WhatIfView } from './views/what-if';

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

export interface ViewProps {
  ctx: Ctx;
  args: string[];
  params: URLSearchParams;
}

export interface Route {
  /** First segment of the hash path. */
  name: string;
  label: MessageKey;
  view: FunctionComponent<ViewProps>;
  /** Shown only by servers that offer this. */
  needs?: keyof Capabilities;
}

const ROUTES: Record<string, Route> = {
  dashboard: { name: 'dashboard', label: 'nav.dashboard', view: DashboardView },
  chains: { name: 'chains', label: 'nav.chains', view: ChainsView },
  inbox: { name: 'inbox', label: 'nav.inbox', view: InboxView },
  'what-if': { name: 'what-if', label: 'nav.whatIf', view: WhatIfView },
  chain: { name: 'chain', label: 'nav.myChain', view: LeadView },
  report: { name: 'report', label: 'nav.report', view: ReportView },
  runway: { name: 'runway', label: 'nav.runway', view: RunwayView, needs: 'runway' },
  access: { name: 'access', label: 'nav.access', view: AccessView },
};

/** What each role may open, first one is its home. */
const NAV: Record<Role, string[]> = {
  coordinator: ['dashboard', 'runway', 'chains', 'inbox', 'what-if', 'report', 'access'],
  liaison: ['inbox', 'dashboard', 'runway', 'chains', 'what-if'],
  lead: ['chain'],
  reporter: ['report'],
};

/** How long an announcement answering the person's own action stays up against live news. */
const FOREGROUND_HOLD_MS = 4000;

export function parseHash(hash: string): { name: string; args: string[]; params: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const [name = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name, args, params: new URLSearchParams(query) };
}

/** Sets the document title for the view on show and when the language changes. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · linkage`;
  }, [title]);
}

export function App(props: { session: Session; onSignOut: (message?: string) => void }) {
  const { session } = props;
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const allowed = NAV[session.role].filter((n) => !ROUTES[n].needs || caps?.[ROUTES[n].needs!]);
  const [hash, setHash] = useState(location.hash);
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  const toast = useMemo(() => signal<{ text: string; visible: boolean }>({ text: '', visible: false }), []);
  const liveState = useMemo(() => signal<LiveState>('connecting'), []);

  const ctx = useMemo<Ctx>(() => {
    const api = new Api(session.token);
    const live = session.role === 'coordinator' || session.role === 'liaison' ? new LiveFeed(api) : null;
    let timer: number | undefined;
    let lastForeground = 0;
    return {
      api,
      session,
      live,
      announce(text, opts = {}) {
        if (opts.background && Date.now() - lastForeground < FOREGROUND_HOLD_MS) return;
        if (!opts.background) lastForeground = Date.now();
        toast.value = { text, visible: true };
        window.clearTimeout(timer);
        timer = window.setTimeout(() => (toast.value = { ...toast.value, visible: false }), 5000);
      },
    };
  }, [session]);

  useEffect(() => {
    let ended = false;
    ctx.api.onUnauthorized = () => {
      if (ended) return;
      ended = true;
      props.onSignOut('signin.expired');
    };
    const onHash = () => setHash(location.hash);
    window.addEventListener('hashchange', onHash);
    const unsubscribe = ctx.live?.subscribe({
      onState: (s) => (liveState.value = s),
      onEvent: (e) => {
        const what = (kind: string) => tMaybe(`live.ev.${kind}`) ?? kind;
        const [family, kind = ''] = e.type.split('.');
        if (family === 'task' && e.task?.supplier) {
          ctx.announce(t('live.update', { supplier: nameOf(e.task.supplier), province: provinceText(e.province), what: what(kind) }), { background: true });
        } else if (family === 'request') {
          // Request events carry the request where task events carry the task.
          const r = ((e as unknown as { request?: { title?: string } }).request ?? e.task) as { title?: string } | undefined;
          ctx.announce(t('live.request', { title: r?.title ?? '', province: provinceText(e.province), what: what(kind) }), { background: true });
        } else if (e.type === 'runway' && e.runway) {
          // §7: a leader's stop date entered the alert window.
          const rw = e.runway;
          ctx.announce(t('live.runway', { leader: nameOf(rw.leader), stopsOn: rw.stopsOn, daysLeft: String(rw.daysLeft), root: nameOf(rw.bindingRoot) }), { background: true });
        }
      },
    });
    ctx.live?.start();
    void capabilities(ctx.api).then(setCaps);
    // A lead's or reporter's own enterprise, by name in the header.
    if (session.enterprise) void ctx.api.get(`/api/enterprises/${encodeURIComponent(session.enterprise)}`).catch(() => undefined);
    return () => {
      ended = true;
      window.removeEventListener('hashchange', onHash);
      unsubscribe?.();
      ctx.live?.stop();
    };
  }, [ctx]);

  const { name, args, params } = parseHash(hash);
  // A view the server may offer waits for its description before sending anyone home.
  const pending = !caps && NAV[session.role].includes(name) && ROUTES[name]?.needs !== undefined;
  const ok = allowed.includes(name) || pending;
  useEffect(() => {
    if (!ok) {
      history.replaceState(null, '', `#/${allowed[0]}`);
      setHash(`#/${allowed[0]}`);
    }
  }, [ok]);
  useEffect(() => {
    if (!firstRoute.current) main.current?.focus({ preventScroll: false });
    firstRoute.current = false;
  }, [name]);

  const route = ROUTES[ok ? name : allowed[0]];
  const View = route.view;
  const live = liveState.value;
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href={`#/${allowed[0]}`}>
            <img src="/assets/icon.svg" alt="" width="28" height="28" />
            <span class="brand-name">linkage</span>
            <span class="brand-sub">{t('app.tagline')}</span>
          </a>
          <div class="topbar-right">
            {ctx.live ? (
              <span class={`live live-${live}`} role="status" hidden={live === 'unavailable'}>
                {t(`live.${live}`)}
              </span>
            ) : null}
            <span class="identity" data-testid="identity">
              {describeSession(session)}
            </span>
            <LangSwitch />
            <button type="button" class="btn btn-quiet btn-small" onClick={() => props.onSignOut()}>
              {t('app.signOut')}
            </button>
          </div>
        </div>
        <nav class="nav" aria-label={t('app.navLabel')}>
          <div class="nav-inner">
            {allowed.map((n) => (
              <a href={`#/${n}`} class="nav-link" data-route={n} aria-current={n === route.name ? 'page' : undefined}>
                {t(ROUTES[n].label)}
              </a>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" class="main" tabIndex={-1} ref={main}>
        {pending ? null : <View key={route.name} ctx={ctx} args={args} params={params} />}
      </main>
      <div class={`toast${toast.value.visible ? ' toast-visible' : ''}`} role="status" aria-live="polite" aria-atomic="true">
        {toast.value.text}
      </div>
    </>
  );
}
