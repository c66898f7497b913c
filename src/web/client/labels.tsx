/**
 * How domain values are shown: provinces in Chinese and English, statuses, availability,
 * chain and task states as badges with one colour per meaning across the UI and the graph.
 */
import { h } from './dom';
// The province table is pure data; the graph module's index would pull storage code in.
import { PROVINCES, type Province } from '../../graph/provinces';
import type { Availability, ChainState, Status, TaskState } from './model';

export { PROVINCES };

const BY_CODE = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));

/** "湖北省 Hubei", as plain text (for options, chart legends, aria labels). */
export function provinceText(code: string): string {
  const p = BY_CODE.get(code);
  return p ? `${p.zh} ${p.en}` : code;
}

/** "湖北省 Hubei" with the Chinese marked as such for screen readers and font choice. */
export function ProvinceName(props: { code: string }): HTMLElement {
  const p = BY_CODE.get(props.code);
  if (!p) return <span class="province">{props.code}</span>;
  return (
    <span class="province" title={props.code}>
      <span lang="zh-CN">{p.zh}</span> {p.en}
    </span>
  );
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

const STATUS_TEXT: Record<Status, string> = { resumed: 'Resumed', partial: 'Partial', suspended: 'Suspended' };
const AVAILABILITY_TEXT: Record<Availability, string> = { operating: 'Operating', down: 'Down', blocked: 'Blocked' };
const CHAIN_TEXT: Record<ChainState, string> = { clear: 'Clear', blocked: 'Blocked', down: 'Leader down' };
export const TASK_STATE_TEXT: Record<TaskState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  resolved: 'Resolved',
  cleared: 'Cleared',
};

export function statusText(s: Status): string {
  return STATUS_TEXT[s] ?? s;
}

export function StatusBadge(props: { status: Status }): HTMLElement {
  return <span class={`badge badge-status-${props.status}`}>{statusText(props.status)}</span>;
}

export function AvailabilityBadge(props: { availability: Availability }): HTMLElement {
  return <span class={`badge badge-avail-${props.availability}`}>{AVAILABILITY_TEXT[props.availability] ?? props.availability}</span>;
}

export function ChainBadge(props: { state: ChainState }): HTMLElement {
  return <span class={`badge badge-chain-${props.state}`}>{CHAIN_TEXT[props.state] ?? props.state}</span>;
}

export function TaskStateBadge(props: { state: TaskState }): HTMLElement {
  return <span class={`badge badge-task-${props.state}`}>{TASK_STATE_TEXT[props.state] ?? props.state}</span>;
}

export function EscalatedBadge(): HTMLElement {
  return (
    <span class="badge badge-escalated" title="Not acknowledged within the acknowledgement deadline">
      Escalated
    </span>
  );
}

/** The colour of an enterprise in the graph: what matters most first (down, blocked). */
export function enterpriseColour(status: Status, availability: Availability): string {
  if (availability === 'down') return COLOURS.down;
  if (availability === 'blocked') return COLOURS.blocked;
  return status === 'partial' ? COLOURS.partial : COLOURS.resumed;
}

/** "2020-03-24 16:05" in the reader's time zone; dates (YYYY-MM-DD) stay as they are. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatPct(n: number | undefined): string {
  return n === undefined ? '–' : `${n.toFixed(1)} %`;
}

/** "automotive" → "Automotive", "wiring-harness" → "wiring harness". */
export function humanize(slug: string): string {
  return slug.replace(/-/g, ' ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
