/**
 * Enterprise requests (CONTRACT §9) in the liaison's inbox, beside the tasks: what keeps an
 * enterprise from resuming, routed to the province that can act; escalated and weightiest
 * (leaders served) first; accept, start, resolve, or reject with a reason.
 */
import { useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { fmtTime, t, tMaybe, tn, type MessageKey } from './i18n';
import { ProvinceName } from './labels';
import { Ent, useNames } from './names';
import type { EnterpriseRequest, RequestPage, RequestState } from './model';

export type { EnterpriseRequest };
import { ErrorNote, Show, useId, type Loaded } from './ui';

type Action = 'accept' | 'start' | 'resolve' | 'reject';
const NEXT: Partial<Record<RequestState, { action: Action; label: MessageKey }>> = {
  open: { action: 'accept', label: 'req.accept' },
  accepted: { action: 'start', label: 'req.start' },
  in_progress: { action: 'resolve', label: 'req.resolve' },
};
const ACTIVE: RequestState[] = ['open', 'accepted', 'in_progress'];
const MAX = 200;

export function requestStateText(s: string): string {
  return tMaybe(`req.state.${s}`) ?? s;
}
export function categoryText(c: string): string {
  return tMaybe(`req.cat.${c}`) ?? c;
}

/** Escalated first, then the weightiest (leaders served), then the oldest. */
export function byUrgency(a: EnterpriseRequest, b: EnterpriseRequest): number {
  return (
    Number(!!b.escalated) - Number(!!a.escalated) ||
    (b.leadersServed ?? 0) - (a.leadersServed ?? 0) ||
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
    a.id.localeCompare(b.id)
  );
}

export function fetchRequests(api: Api, query: Record<string, string | undefined>): Promise<EnterpriseRequest[]> {
  return api
    .get<RequestPage>('/api/requests', { ...query, limit: MAX })
    .then((r) => [...r.requests].filter((x) => query.state !== 'active' || ACTIVE.includes(x.state)).sort(byUrgency));
}

export function RequestsColumn(props: { api: Api; load: Loaded<EnterpriseRequest[] | null>; announce: (text: string) => void }) {
  const { load } = props;
  useNames(props.api, load.data?.map((r) => r.enterprise) ?? []);
  return (
    <section class="requests" aria-labelledby="requests-title">
      <h2 id="requests-title" class="column-title">
        {t('req.title')}
      </h2>
      <Show load={load}>
        {(list) =>
          list?.length ? (
            <ol class="task-list">
              {list.map((r, i) => (
                <li key={r.id}>
                  <RequestCard api={props.api} request={r} rank={i + 1} onDone={(text) => void load.reload({ quiet: true }).then(() => props.announce(text))} />
                </li>
              ))}
            </ol>
          ) : (
            <p class="empty">{t('req.none')}</p>
          )
        }
      </Show>
    </section>
  );
}

function RequestCard(props: { api: Api; request: EnterpriseRequest; rank: number; onDone: (text: string) => void }) {
  const r = props.request;
  const titleId = useId('req');
  const noteId = useId('req-note');
  const note = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = NEXT[r.state];

  async function act(action: Action): Promise<void> {
    const text = note.current?.value.trim() ?? '';
    if (action === 'reject' && !text) {
      setError(new Error('msg:req.reasonNeeded'));
      note.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.api.post(`/api/requests/${encodeURIComponent(r.id)}/${action}`, action === 'reject' ? { reason: text } : text ? { note: text } : {});
      if (note.current) note.current.value = '';
      props.onDone(
        t('req.done', {
          title: r.title,
          state: requestStateText(action === 'accept' ? 'accepted' : action === 'start' ? 'in_progress' : action === 'resolve' ? 'resolved' : 'rejected'),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class={`card task request${r.escalated ? ' task-escalated' : ''}`} aria-labelledby={titleId} data-request={r.id}>
      <header class="task-head">
        <span class="priority" title={tn('req.weight', r.leadersServed ?? 0)}>
          <span class="sr-only">{t('inbox.rank')} </span>#{props.rank}
        </span>
        <div class="task-title">
          <h3 id={titleId}>{r.title}</h3>
          <p class="muted small">
            <Ent id={r.enterprise} /> · {categoryText(r.category)}
            {r.leadersServed ? ` · ${tn('req.weight', r.leadersServed)}` : ''}
            {r.createdAt ? ` · ${t('inbox.opened', { at: fmtTime(r.createdAt) })}` : ''}
          </p>
        </div>
        <div class="badges">
          {r.escalated ? <span class="badge badge-escalated">{t('task.escalated')}</span> : null}
          <span class={`badge badge-req-${r.state}`}>{requestStateText(r.state)}</span>
        </div>
      </header>
      {r.description ? <p class="request-description">{r.description}</p> : null}
      {r.counterpartProvince || r.counterpartEnterprise ? (
        <p class="small">
          {t('req.counterpart')} {r.counterpartEnterprise ? <Ent id={r.counterpartEnterprise} /> : null}
          {r.counterpartEnterprise && r.counterpartProvince ? ' · ' : ''}
          {r.counterpartProvince ? <ProvinceName code={r.counterpartProvince} /> : null}
        </p>
      ) : null}
      {r.task ? <p class="small muted">{t('req.task', { id: r.task })}</p> : null}
      {next ? (
        <form
          class="task-action"
          onSubmit={(e) => {
            e.preventDefault();
            void act(next.action);
          }}
        >
          <label for={noteId}>{t('req.note')}</label>
          <textarea id={noteId} ref={note} rows={2} maxLength={2000} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t(next.label)}
            </button>
            <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => void act('reject')}>
              {t('req.reject')}
            </button>
          </div>
          {error ? <ErrorNote error={error} /> : null}
        </form>
      ) : null}
    </article>
  );
}

/** The latest request of each enterprise in a list. */
export function latestByEnterprise(list: EnterpriseRequest[]): Map<string, EnterpriseRequest> {
  const out = new Map<string, EnterpriseRequest>();
  for (const r of list) {
    const had = out.get(r.enterprise);
    if (!had || (r.createdAt ?? '') > (had.createdAt ?? '')) out.set(r.enterprise, r);
  }
  return out;
}

/** The latest request of an enterprise, for the task card of the same supplier. */
export function LatestRequest(props: { request: { title: string; category: string; state: string; leadersServed?: number | null } | undefined }) {
  const r = props.request;
  if (!r) return null;
  return (
    <p class="note small latest-request">
      <strong>{t('req.latest')}</strong> {r.title} · {categoryText(r.category)} · {requestStateText(r.state)}
      {r.leadersServed ? ` · ${tn('req.weight', r.leadersServed)}` : ''}
    </p>
  );
}
