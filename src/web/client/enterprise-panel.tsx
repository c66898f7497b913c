/** One enterprise's details and status history, shown beside the chain it was picked from. */
import { useEffect, useRef } from 'preact/hooks';
import type { Api } from './api';
import { fmtDate, fmtNum, fmtTime, t } from './i18n';
import { AvailabilityBadge, industryText, ProvinceName, roleText, sizeText, StatusBadge } from './labels';
import type { Enterprise, StatusHistory, StatusReport } from './model';
import { nameOf } from './names';
import { Show, useLoad } from './ui';

export function EnterprisePanel(props: { api: Api; id: string; onClose: () => void }) {
  const { api, id } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const load = useLoad(
    () =>
      Promise.all([
        api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`),
        api.get<StatusHistory>(`/api/enterprises/${encodeURIComponent(id)}/status-history`, { limit: 20 }),
      ]),
    [id],
  );
  useEffect(() => heading.current?.focus({ preventScroll: true }), [id]);
  return (
    <aside class="card panel" aria-labelledby="enterprise-panel-title">
      <div class="card-head">
        <h2 id="enterprise-panel-title" tabIndex={-1} ref={heading}>
          {nameOf(id)}
        </h2>
        <button type="button" class="btn btn-quiet btn-small" aria-label={t('panel.closeAria')} onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      <div class="panel-body" aria-busy={load.loading}>
        <Show load={load}>{([e, history]) => <Details e={e} reports={history.reports} />}</Show>
      </div>
    </aside>
  );
}

export function CopyId(props: { id: string }) {
  return (
    <span class="copy-id">
      <code>{props.id}</code>
      <button
        type="button"
        class="link-button small"
        aria-label={t('common.copyIdAria', { id: props.id })}
        onClick={() => void navigator.clipboard?.writeText(props.id).catch(() => undefined)}
      >
        {t('common.copy')}
      </button>
    </span>
  );
}

function Details(props: { e: Enterprise; reports: StatusReport[] }) {
  const { e, reports } = props;
  const status = e.currentStatus ?? e.status;
  const capacity = e.currentCapacityPct ?? e.capacityPct;
  return (
    <div class="enterprise" data-enterprise={e.id}>
      <div class="badges">
        <StatusBadge status={status} />
        {e.availability ? <AvailabilityBadge availability={e.availability} /> : null}
      </div>
      <dl class="facts">
        <dt>{t('ent.id')}</dt>
        <dd>
          <CopyId id={e.id} />
        </dd>
        <dt>{t('ent.province')}</dt>
        <dd>
          <ProvinceName code={e.province} />
          {e.city ? <span lang="zh-CN"> · {e.city}</span> : null}
        </dd>
        <dt>{t('ent.industry')}</dt>
        <dd>
          {industryText(e.industry)} · {roleText(e.role)}
          {e.size ? ` · ${sizeText(e.size)}` : ''}
        </dd>
        <dt>{t('ent.capacity')}</dt>
        <dd>{capacity === undefined ? '–' : t('unit.pct', { v: fmtNum(capacity) })}</dd>
        {e.currentAsOf ? (
          <>
            <dt>{t('ent.asOf')}</dt>
            <dd>{fmtDate(e.currentAsOf)}</dd>
          </>
        ) : null}
        {e.contact ? (
          <>
            <dt>{t('ent.contact')}</dt>
            <dd>{e.contact}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('ent.history')}</h3>
      {reports.length ? (
        <ol class="history">
          {reports.map((r) => (
            <li>
              <span class="history-when">{fmtDate(r.asOf)}</span>
              <StatusBadge status={r.status} />
              {r.capacityPct !== undefined ? <span class="muted"> {t('unit.pct', { v: fmtNum(r.capacityPct) })}</span> : null}
              {r.reporter ? <span class="muted small"> · {r.reporter}</span> : null}
              {r.receivedAt ? <span class="muted small"> · {t('ent.received', { at: fmtTime(r.receivedAt) })}</span> : null}
              {r.note ? <p class="history-note">{r.note}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('ent.noReports')}</p>
      )}
    </div>
  );
}
