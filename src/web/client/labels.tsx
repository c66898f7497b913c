/**
 * How domain values are shown: provinces, parts and industries in the reader's language,
 * statuses, availability, chain and task states as badges with one colour per meaning
 * across the UI and the graph.
 */
// The province and part tables are pure data; the modules' indexes would pull storage code in.
import { PROVINCES, type Province } from '../../shared/provinces';
import { CATALOGS } from '../../scenario/catalog';
import { lang, t, tMaybe } from './i18n';
import type { Availability, ChainState, Status, TaskState } from './model';

export { PROVINCES };

const BY_CODE = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));
const PART_ZH = new Map<string, string>(Object.values(CATALOGS).flatMap((c) => c.parts.map((p) => [p.slug, p.zh] as [string, string])));

/** "湖北省" or "Hubei", as plain text (for options, chart legends, aria labels). */
export function provinceText(code: string): string {
  const p = BY_CODE.get(code);
  if (!p) return code;
  return lang.value === 'en' ? p.en : p.zh;
}

/** A province in the reader's language; its code on hover. */
export function ProvinceName(props: { code: string }) {
  const p = BY_CODE.get(props.code);
  if (!p) return <span class="province">{props.code}</span>;
  return (
    <span class="province" title={lang.value === 'en' ? `${p.zh} · ${props.code}` : `${p.en} · ${props.code}`} lang={lang.value === 'en' ? 'en' : 'zh-CN'}>
      {provinceText(props.code)}
    </span>
  );
}

/** A part slug in the reader's language ("wiring-harness" → "线束" / "wiring harness"). */
export function partText(slug: string): string {
  if (lang.value === 'zh-CN') return PART_ZH.get(slug) ?? slug.replace(/-/g, ' ');
  return slug.replace(/-/g, ' ');
}

export function industryText(slug: string): string {
  return tMaybe(`industry.${slug}`) ?? slug.replace(/-/g, ' ');
}

export function sizeText(size: string): string {
  return tMaybe(`size.${size}`) ?? size;
}

export function roleText(role: string): string {
  return tMaybe(`erole.${role}`) ?? role;
}

/** One colour per meaning; the graph, the legend and the badges use the same ones. */
export const COLOURS = {
  resumed: '#2e8b57',
  partial: '#d99a1e',
  down: '#d23f3f',
  blocked: '#7a4fc4',
  leader: '#1f3a5f',
  path: '#c62828',
  edge: 'rgba(120, 138, 160, 0.22)',
} as const;

export function statusText(s: Status): string {
  return tMaybe(`status.${s}`) ?? s;
}
export function availabilityText(a: Availability): string {
  return tMaybe(`avail.${a}`) ?? a;
}
export function chainText(s: ChainState): string {
  return tMaybe(`chain.${s}`) ?? s;
}
export function taskStateText(s: TaskState): string {
  return tMaybe(`task.${s}`) ?? s;
}

export function StatusBadge(props: { status: Status }) {
  return <span class={`badge badge-status-${props.status}`}>{statusText(props.status)}</span>;
}

export function AvailabilityBadge(props: { availability: Availability }) {
  return <span class={`badge badge-avail-${props.availability}`}>{availabilityText(props.availability)}</span>;
}

export function ChainBadge(props: { state: ChainState }) {
  return <span class={`badge badge-chain-${props.state}`}>{chainText(props.state)}</span>;
}

export function TaskStateBadge(props: { state: TaskState }) {
  return <span class={`badge badge-task-${props.state}`}>{taskStateText(props.state)}</span>;
}

export function EscalatedBadge() {
  return (
    <span class="badge badge-escalated" title={t('task.escalatedHint')}>
      {t('task.escalated')}
    </span>
  );
}

/** The colour of an enterprise in the graph: what matters most first (down, blocked). */
export function enterpriseColour(status: Status, availability: Availability): string {
  if (availability === 'down') return COLOURS.down;
  if (availability === 'blocked') return COLOURS.blocked;
  return status === 'partial' ? COLOURS.partial : COLOURS.resumed;
}
