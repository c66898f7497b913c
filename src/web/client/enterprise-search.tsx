/**
 * Search-as-you-type for an enterprise, by any part of its name or by id: a combobox over
 * `GET /api/enterprises?q=` (ARIA 1.2 pattern: the input owns a listbox, arrows move, Enter
 * picks, Escape closes). A server without that route gets the leaders and root causes it
 * already lists, filtered here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { capabilities } from './capabilities';
import { t } from './i18n';
import { ProvinceName, statusText } from './labels';
import type { ChainList, EnterpriseItem, EnterpriseSearch } from './model';

/** A hit the picker shows: an item of the search's answer, or what the chains say of an enterprise (a server without search). */
export type EnterpriseHit = Pick<EnterpriseItem, 'id' | 'name'> & Partial<EnterpriseItem>;
import { names, rememberNames } from './names';
import { useId } from './ui';

const LIMIT = 8;
const DEBOUNCE_MS = 180;

const fallbackLists = new WeakMap<Api, Promise<EnterpriseHit[]>>();

function fallbackItems(api: Api): Promise<EnterpriseHit[]> {
  let p = fallbackLists.get(api);
  if (!p) {
    p = api.get<ChainList>('/api/chains').then((r) => {
      const seen = new Map<string, EnterpriseHit>();
      for (const c of r.chains) {
        seen.set(c.leader, { id: c.leader, name: c.name ?? names.value.get(c.leader) ?? c.leader, role: 'leader' });
        for (const id of c.rootCauses) if (!seen.has(id)) seen.set(id, { id, name: names.value.get(id) ?? id, role: 'supplier', availability: 'down' });
      }
      return [...seen.values()];
    });
    p.catch(() => fallbackLists.delete(api));
    fallbackLists.set(api, p);
  }
  return p;
}

export async function searchEnterprises(api: Api, q: string, filters: Record<string, string> = {}, limit = LIMIT): Promise<EnterpriseHit[]> {
  if ((await capabilities(api)).search) {
    const items = (await api.get<EnterpriseSearch>('/api/enterprises', { q, limit, ...filters })).enterprises;
    rememberNames(items.map((i) => [i.id, i.name]));
    return items;
  }
  const needle = q.trim().toLowerCase();
  const all = await fallbackItems(api);
  return all.filter((e) => (!filters.role || e.role === filters.role) && (e.id.toLowerCase().includes(needle) || e.name.toLowerCase().includes(needle))).slice(0, limit);
}

export interface SearchProps {
  api: Api;
  /** The input's id, for the label outside. */
  id: string;
  label: string;
  onPick: (e: EnterpriseHit) => void;
  placeholder?: string;
  /** Filters passed to the search (e.g. role: 'leader'). */
  filters?: Record<string, string>;
  /** Text to start from. */
  initial?: string;
  /** Clear the box after a pick (lists of several). */
  clearOnPick?: boolean;
  describedBy?: string;
}

export function EnterpriseSearch(props: SearchProps) {
  const [text, setText] = useState(props.initial ?? '');
  const [items, setItems] = useState<EnterpriseHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState(false);
  const listId = useId('search-list');
  const timer = useRef<number>();
  const gen = useRef(0);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function search(q: string): void {
    window.clearTimeout(timer.current);
    if (!q.trim()) {
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = window.setTimeout(async () => {
      const g = ++gen.current;
      try {
        const found = await searchEnterprises(props.api, q, props.filters);
        if (g !== gen.current) return;
        setProblem(false);
        setItems(found);
        setActive(found.length ? 0 : -1);
        setOpen(true);
      } catch {
        if (g === gen.current) setProblem(true);
      }
    }, DEBOUNCE_MS);
  }

  function pick(e: EnterpriseHit): void {
    props.onPick(e);
    setOpen(false);
    setItems([]);
    setText(props.clearOnPick ? '' : e.name);
  }

  function onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && items[active]) pick(items[active]);
      else if (text.trim()) {
        // A whole id typed in (or pasted) is taken as it is; the server checks it.
        const id = text.trim();
        pick({ id, name: names.value.get(id) ?? id });
      }
    }
  }

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div class="search">
      <input
        id={props.id}
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={props.describedBy}
        placeholder={props.placeholder ?? t('search.placeholder')}
        value={text}
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          search(v);
        }}
        onKeyDown={onKey}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label={props.label} class="search-list" hidden={!open}>
        {items.length ? (
          items.map((e, i) => (
            <li
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'search-option search-option-active' : 'search-option'}
              onMouseDown={(ev) => {
                ev.preventDefault();
                pick(e);
              }}
            >
              <span class="search-name">{e.name}</span>
              <span class="muted small">
                {' '}
                <code>{e.id}</code>
                {e.province ? (
                  <>
                    {' · '}
                    <ProvinceName code={e.province} />
                  </>
                ) : null}
                {e.status ? ` · ${statusText(e.status)}` : ''}
              </span>
            </li>
          ))
        ) : (
          <li role="option" aria-disabled="true" aria-selected={false} class="search-option muted">
            {t('search.none')}
          </li>
        )}
      </ul>
      {problem ? <small class="hint text-alert">{t('search.failed')}</small> : null}
    </div>
  );
}
