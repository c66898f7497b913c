/**
 * A JSX factory that builds real DOM elements, and the few helpers the views share. There
 * is no virtual DOM: a view re-renders a region by replacing its children. Event handlers
 * are attached with addEventListener (never as attributes), and text always goes in as text
 * nodes, so nothing from the API is ever parsed as HTML.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Props = Record<string, unknown> | null;
type Component<P> = (props: P & { children?: Child[] }) => HTMLElement;

declare global {
  namespace JSX {
    type Element = HTMLElement;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

export function h<P>(tag: string | Component<P>, props: (P & Props) | null, ...children: Child[]): HTMLElement {
  if (typeof tag === 'function') return tag({ ...(props as P), children });
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'ref' && typeof value === 'function') {
      (value as (el: HTMLElement) => void)(el);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'style' && typeof value === 'object') {
      // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
      for (const [prop, v] of Object.entries(value as Record<string, string>)) el.style.setProperty(prop, v);
    } else if (key === 'class' || key === 'className') {
      el.className = String(value);
    } else if (key === 'value' && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) {
      el.value = String(value);
    } else if (key === 'checked' && el instanceof HTMLInputElement) {
      el.checked = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const c of children) append(el, c);
  return el;
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}

/** "class a b" from conditional parts. */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}

let uid = 0;
/** A unique id for label/aria wiring. */
export function newId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * A region whose content is loaded: shows a busy state while the promise runs and the
 * error if it fails, and ignores answers that arrive after a newer load started.
 */
export class Region {
  readonly el: HTMLElement;
  private generation = 0;

  constructor(tag = 'div', className = '') {
    this.el = h(tag, { class: className });
  }

  async load<T>(fetcher: () => Promise<T>, render: (data: T) => Child, opts: { quiet?: boolean } = {}): Promise<T | undefined> {
    const gen = ++this.generation;
    this.el.setAttribute('aria-busy', 'true');
    if (!opts.quiet) replace(this.el, <p class="muted loading">Loading…</p>);
    try {
      const data = await fetcher();
      if (gen !== this.generation) return undefined;
      replace(this.el, render(data));
      return data;
    } catch (err) {
      if (gen !== this.generation) return undefined;
      replace(this.el, <ErrorNote error={err} />);
      return undefined;
    } finally {
      if (gen === this.generation) this.el.removeAttribute('aria-busy');
    }
  }
}

/** An error as people read it: the API's message, and its field problems when it has them. */
export function ErrorNote(props: { error: unknown }): HTMLElement {
  const e = props.error as { message?: string; details?: Array<{ path: string; message: string }> };
  return (
    <div class="note note-error" role="alert">
      <p>{e?.message ?? String(props.error)}</p>
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
