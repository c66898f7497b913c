/**
 * What the views share: loading an answer into state (stale answers ignored), the error
 * note (API codes translated), a pager for long lists, a copyable id.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { fmtNum, t, tMaybe } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again; quiet keeps showing the current data meanwhile. */
  reload(opts?: { quiet?: boolean }): Promise<T | undefined>;
}

/** Runs `fetcher` when `deps` change; answers to older runs are dropped. */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const gen = useRef(0);
  const fetchRef = useRef(fetcher);
  fetchRef.current = fetcher;
  const reload = useCallback(async (opts: { quiet?: boolean } = {}) => {
    const g = ++gen.current;
    setState((s) => (opts.quiet ? { ...s, loading: true } : { loading: true }));
    try {
      const data = await fetchRef.current();
      if (g === gen.current) setState({ data, loading: false });
      return data;
    } catch (error) {
      if (g === gen.current) setState({ error, loading: false });
      return undefined;
    }
  }, []);
  useEffect(() => {
    void reload();
    return () => {
      gen.current += 1;
    };
  }, deps);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** An error as people read it: the API's code in the reader's language, its field problems. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return tMaybe(`error.${error.code}`) ?? (error.status ? t('error.http', { status: error.status }) : t('error.network'));
  }
  if (error instanceof Error && error.message.startsWith('msg:')) return tMaybe(error.message.slice(4)) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote(props: { error: unknown }) {
  const e = props.error as { details?: Array<{ path: string; message: string }> };
  return (
    <div class="note note-error" role="alert">
      <p>{errorText(props.error)}</p>
      {e?.details?.length ? (
        <ul>
          {e.details.map((d) => (
            <li>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading() {
  return <p class="muted loading">{t('common.loading')}</p>;
}

/** Shows the answer of a load: busy, error or the rendered data. */
export function Show<T>(props: { load: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { data, error, loading } = props.load;
  if (error) return <ErrorNote error={error} />;
  if (data === undefined) return loading ? <Loading /> : null;
  return <>{props.children(data)}</>;
}

/** Pages of a long list: `page` (from 0) of `size`, with the controls to move. */
export function Pager(props: { total: number; page: number; size: number; onPage: (p: number) => void; label: string }) {
  const pages = Math.ceil(props.total / props.size);
  if (pages <= 1) return null;
  const from = props.page * props.size + 1;
  const to = Math.min(props.total, from + props.size - 1);
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" class="btn btn-quiet btn-small" disabled={props.page === 0} onClick={() => props.onPage(props.page - 1)}>
        {t('pager.prev')}
      </button>
      <span class="muted small" aria-live="polite">
        {t('pager.range', { from: fmtNum(from), to: fmtNum(to), total: fmtNum(props.total) })}
      </span>
      <button type="button" class="btn btn-quiet btn-small" disabled={props.page >= pages - 1} onClick={() => props.onPage(props.page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

let uid = 0;
/** A unique id for label/aria wiring, stable for the component's life. */
export function useId(prefix: string): string {
  const ref = useRef<string>();
  if (!ref.current) ref.current = `${prefix}-${++uid}`;
  return ref.current;
}

/** "class a b" from conditional parts. */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
