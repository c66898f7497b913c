/**
 * Enterprises by name. Every answer that lists ids carries their names (`names: {id: name}`,
 * or `name` / `supplierName` beside the id); the API client feeds them all into one cache
 * here, so any component shows a name without a request per row. Where no name is known
 * yet, the id stands in. The id stays one hover (title) or one copy (data-id) away.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

export const names = signal<ReadonlyMap<string, string>>(new Map());

export function rememberNames(pairs: Iterable<[string, string]>): void {
  let next: Map<string, string> | null = null;
  for (const [id, name] of pairs) {
    if (!id || !name || names.value.get(id) === name) continue;
    next ??= new Map(names.value);
    next.set(id, name);
  }
  if (next) names.value = next;
}

/**
 * Collects names from an API answer: `names` maps and objects carrying an id with its name
 * (`{id, name}`, `{leader, name}`, `{supplier, supplierName}`).
 */
export function absorbNames(body: unknown): void {
  const found: Array<[string, string]> = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o.names && typeof o.names === 'object' && !Array.isArray(o.names)) {
      for (const [id, n] of Object.entries(o.names as Record<string, unknown>)) if (typeof n === 'string') found.push([id, n]);
    }
    if (typeof o.name === 'string') {
      const id = typeof o.id === 'string' ? o.id : typeof o.leader === 'string' ? o.leader : typeof o.enterprise === 'string' ? o.enterprise : null;
      if (id) found.push([id, o.name]);
    }
    if (typeof o.supplier === 'string' && typeof o.supplierName === 'string') found.push([o.supplier, o.supplierName]);
    for (const [k, x] of Object.entries(o)) if (k !== 'names' && typeof x === 'object') walk(x, depth + 1);
  };
  walk(body, 0);
  if (found.length) rememberNames(found);
}

/** The enterprise's name, or its id while no name is known. */
export function nameOf(id: string): string {
  return names.value.get(id) ?? id;
}

/** An enterprise by name, the id on hover and for copying. */
export function Ent(props: { id: string; name?: string; class?: string }) {
  const name = props.name ?? names.value.get(props.id);
  return (
    <span class={`ent ${props.class ?? ''}`} title={props.id} data-id={props.id} lang={name && /[\u4e00-\u9fff]/.test(name) ? 'zh-CN' : undefined}>
      {name ?? props.id}
    </span>
  );
}

const asked = new Set<string>();
/** Beyond this many unnamed ids at once, the ids stay (a long list waits for the server's names). */
const MAX_LOOKUPS = 40;

/**
 * Names for ids no answer has named yet, one lookup each, at most once per id: for servers
 * whose lists do not carry names yet. A server that sends `names` never gets these requests.
 */
export function useNames(api: { get<T>(path: string): Promise<T> }, ids: readonly string[]): void {
  const missing = ids.filter((id) => !names.value.has(id) && !asked.has(id));
  const key = missing.join(',');
  useEffect(() => {
    for (const id of missing.slice(0, MAX_LOOKUPS)) {
      asked.add(id);
      void api.get(`/api/enterprises/${encodeURIComponent(id)}`).catch(() => undefined);
    }
  }, [key]);
}
