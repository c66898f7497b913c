/**
 * A leader's upstream network drawn with sigma.js over graphology. The layout is tiered and
 * radial: the leader in the centre, tier k on the k-th ring, each supplier placed near the
 * customers it serves, so a blocking path reads outward-in. Colours follow availability
 * first (down, blocked), then status; edges on blocking paths are drawn thick with arrows.
 */
import Graph from 'graphology';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { extremityArrow } from 'sigma/rendering';
import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from './i18n';
import { COLOURS, enterpriseColour } from './labels';
import { nameOf, names } from './names';
import type { ChainState, Status, Upstream } from './model';

export interface NetworkInput {
  leader: { id: string; status: Status; state: ChainState };
  upstream: Upstream;
  /** Blocking paths, root cause first, leader last. */
  paths: string[][];
}

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  tier: number;
  onPath: boolean;
  [key: string]: unknown;
}

interface EdgeAttrs {
  onPath: boolean;
  [key: string]: unknown;
}

/**
 * Positions for the leader (origin) and its suppliers on rings by tier. Within a ring,
 * suppliers are ordered by the mean angle of the customers they serve on the ring inside.
 */
export function radialTiers(upstream: Upstream): Map<string, { x: number; y: number; tier: number }> {
  const pos = new Map<string, { x: number; y: number; tier: number }>([[upstream.id, { x: 0, y: 0, tier: 0 }]]);
  const angle = new Map<string, number>([[upstream.id, 0]]);
  for (const { tier, enterprises } of upstream.tiers) {
    const keyed = enterprises.map((e) => {
      let sx = 0;
      let sy = 0;
      for (const c of e.customers) {
        const a = angle.get(c);
        if (a === undefined) continue;
        sx += Math.cos(a);
        sy += Math.sin(a);
      }
      const mean = sx === 0 && sy === 0 ? 0 : Math.atan2(sy, sx);
      return { id: e.id, key: tier === 1 ? 0 : (mean + 2 * Math.PI) % (2 * Math.PI), part: e.parts[0] ?? '' };
    });
    keyed.sort((a, b) => a.key - b.key || a.part.localeCompare(b.part) || a.id.localeCompare(b.id));
    const n = keyed.length;
    // Start each ring where its first supplier's customers are, so rings stay aligned.
    const offset = tier === 1 ? -Math.PI / 2 : (keyed[0]?.key ?? 0);
    keyed.forEach((k, i) => {
      const a = offset + (2 * Math.PI * i) / n;
      angle.set(k.id, a);
      pos.set(k.id, { x: ringRadius(tier) * Math.cos(a), y: ringRadius(tier) * Math.sin(a), tier });
    });
  }
  return pos;
}

/** Inner rings get more room than an even spacing would give: blocking paths run through them. */
function ringRadius(tier: number): number {
  return tier ** 0.8;
}

let webgl: boolean | undefined;

/** Whether sigma can draw here; probed once, and the probe's context is released at once. */
export function webglAvailable(): boolean {
  if (webgl === undefined) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      webgl = gl !== null;
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl = false;
    }
  }
  return webgl;
}

/** The sigma renderer over one leader's upstream graph; drawn into a stage element. */
export class NetworkView {
  private sigma: Sigma<NodeAttrs, EdgeAttrs> | null = null;
  private readonly graph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed' });
  private selected: string | null = null;

  constructor(
    input: NetworkInput,
    private readonly onSelect: (id: string) => void,
  ) {
    this.build(input);
  }

  get suppliers(): number {
    return this.graph.order - 1;
  }

  zoom(how: 'in' | 'out' | 'reset'): void {
    const cam = this.sigma?.getCamera();
    if (!cam) return;
    void (how === 'in' ? cam.zoomIn() : how === 'out' ? cam.zoomOut() : cam.reset());
  }

  private build(input: NetworkInput): void {
    const onPath = new Set(input.paths.flat());
    const pos = radialTiers(input.upstream);
    const leaderColour = input.leader.state === 'clear' ? COLOURS.leader : input.leader.state === 'down' ? COLOURS.down : COLOURS.blocked;
    this.graph.addNode(input.leader.id, { ...pos.get(input.leader.id)!, size: 14, color: leaderColour, label: nameOf(input.leader.id), tier: 0, onPath: true });
    for (const { tier, enterprises } of input.upstream.tiers) {
      for (const e of enterprises) {
        const p = pos.get(e.id)!;
        const on = onPath.has(e.id);
        this.graph.addNode(e.id, {
          x: p.x,
          y: p.y,
          tier,
          size: on ? 8 : tier === 1 ? 5 : tier === 2 ? 3.5 : 2.5,
          color: enterpriseColour(e.status, e.availability),
          label: nameOf(e.id),
          onPath: on,
        });
      }
    }
    for (const { enterprises } of input.upstream.tiers) {
      for (const e of enterprises) {
        for (const c of e.customers) if (this.graph.hasNode(c)) this.graph.mergeEdge(e.id, c, { onPath: false });
      }
    }
    for (const path of input.paths) {
      for (let i = 0; i + 1 < path.length; i++) {
        if (this.graph.hasNode(path[i]) && this.graph.hasNode(path[i + 1])) this.graph.mergeEdge(path[i], path[i + 1], { onPath: true });
      }
    }
  }

  /** Names learnt after the drawing started replace the ids on the nodes. */
  relabel(): void {
    this.graph.forEachNode((id, a) => {
      const n = nameOf(id);
      if (a.label !== n) this.graph.setNodeAttribute(id, 'label', n);
    });
  }

  /** Draws into the stage once it is in the document; false when WebGL is missing. */
  mount(stage: HTMLElement): boolean {
    if (this.sigma) return true;
    if (!webglAvailable()) return false;
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(this.graph, stage, {
      primitives: { edges: { extremities: [extremityArrow()] } },
      settings: {
        allowInvalidContainer: true,
        // Sizes below are pixels, not graph units (sigma 4's default is graph units).
        itemSizesReference: 'screen',
        labelRenderedSizeThreshold: 4,
        enableCameraRotation: false,
        gestureTarget: 'shared',
      },
      styles: {
        nodes: [
          DEFAULT_STYLES.nodes,
          {
            size: (a, s) => (s.isHovered || s.isHighlighted ? a.size * 1.5 + 2 : a.size),
            depth: (a, s) => (a.onPath || s.isHovered || s.isHighlighted ? 'topNodes' : 'nodes'),
            labelVisibility: (a, s) => (a.onPath || s.isHovered || s.isHighlighted ? 'visible' : a.tier === 1 ? 'auto' : 'hidden'),
            cursor: 'pointer',
          },
        ],
        edges: [
          DEFAULT_STYLES.edges,
          {
            color: (a) => (a.onPath ? COLOURS.path : COLOURS.edge),
            size: (a) => (a.onPath ? 3.5 : 0.5),
            head: (a) => (a.onPath ? 'arrow' : 'none'),
            depth: (a) => (a.onPath ? 'topEdges' : 'edges'),
          },
        ],
      },
    });
    this.sigma.on('clickNode', ({ node }) => this.onSelect(node));
    if (this.selected) this.select(this.selected);
    return true;
  }

  /** Marks one enterprise as the selected one (or none). */
  select(id: string | null): void {
    if (!this.sigma) {
      this.selected = id;
      return;
    }
    if (this.selected && this.graph.hasNode(this.selected)) this.sigma.setNodeState(this.selected, { isHighlighted: false });
    this.selected = id;
    if (id && this.graph.hasNode(id)) this.sigma.setNodeState(id, { isHighlighted: true });
  }

  dispose(): void {
    this.sigma?.kill();
    this.sigma = null;
  }
}

/** The drawing with its tools and legend. */
export function Network(props: { input: NetworkInput; selected: string | null; onSelect: (id: string) => void }) {
  const stage = useRef<HTMLDivElement>(null);
  const view = useRef<NetworkView | null>(null);
  const drawn = useRef(true);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  if (!view.current) view.current = new NetworkView(props.input, (id) => onSelect.current(id));
  useEffect(() => {
    drawn.current = view.current!.mount(stage.current!);
    if (!drawn.current) stage.current!.classList.add('network-stage-fallback');
    return () => view.current?.dispose();
  }, []);
  useEffect(() => view.current?.select(props.selected), [props.selected]);
  const known = names.value;
  useEffect(() => view.current?.relabel(), [known]);
  const count = view.current.suppliers;
  const tiers = props.input.upstream.tiers.length;
  return (
    <figure class="network" aria-label={t('net.aria', { leader: nameOf(props.input.leader.id), suppliers: count, tiers })}>
      <div class="network-tools">
        <button type="button" class="btn btn-quiet btn-small" onClick={() => view.current?.zoom('in')}>
          {t('net.zoomIn')}
        </button>
        <button type="button" class="btn btn-quiet btn-small" onClick={() => view.current?.zoom('out')}>
          {t('net.zoomOut')}
        </button>
        <button type="button" class="btn btn-quiet btn-small" onClick={() => view.current?.zoom('reset')}>
          {t('net.reset')}
        </button>
      </div>
      <div class="network-stage" aria-hidden="true" ref={stage}>
        {webglAvailable() ? null : <p class="note">{t('net.noWebgl')}</p>}
      </div>
      <figcaption class="legend legend-inline">
        <LegendItem colour={COLOURS.resumed} text={t('status.resumed')} />
        <LegendItem colour={COLOURS.partial} text={t('status.partial')} />
        <LegendItem colour={COLOURS.down} text={t('net.legend.down')} />
        <LegendItem colour={COLOURS.blocked} text={t('net.legend.blocked')} />
        <LegendItem colour={COLOURS.path} text={t('net.legend.path')} line />
        <span class="muted small">{tn('net.caption', count, { tiers })}</span>
      </figcaption>
    </figure>
  );
}

function LegendItem(props: { colour: string; text: string; line?: boolean }) {
  return (
    <span class="legend-item">
      <span class={props.line ? 'swatch swatch-line' : 'swatch swatch-dot'} style={{ '--swatch': props.colour }} />
      {props.text}
    </span>
  );
}
