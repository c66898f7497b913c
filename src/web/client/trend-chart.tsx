/**
 * The resumption trend: the SME resumption rate day by day, nationally, for the provinces
 * that lag most (and the liaison's own), or by industry. Chart.js draws it; an HTML legend
 * with each line's latest rate doubles as the text alternative of the canvas.
 */
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { Api } from './api';
import { h, newId, replace, Region } from './dom';
import { formatPct, humanize, provinceText } from './labels';
import type { ResumptionPoint, ResumptionSeries } from './model';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

/** The period of the demonstration figures: from the first working days to the end of March. */
export const TREND_FROM = '2020-02-10';
export const TREND_TO = '2020-03-31';
const LAGGING_PROVINCES = 5;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const NATIONAL_COLOUR = '#1f3a5f';

type Mode = 'national' | 'province' | 'industry';
const MODE_TEXT: Record<Mode, string> = { national: 'National', province: 'By province', industry: 'By industry' };

interface Line {
  label: string;
  points: ResumptionPoint[];
  colour: string;
  national?: boolean;
}

export class TrendChart {
  readonly el: HTMLElement;
  private chart: Chart | null = null;
  private readonly cache = new Map<Mode, Promise<ResumptionSeries>>();
  private readonly body = new Region('div', 'trend-body');
  private mode: Mode = 'national';

  constructor(
    private readonly api: Api,
    private readonly ownProvince?: string,
  ) {
    const name = newId('trend-mode');
    this.el = (
      <section class="card card-wide" aria-labelledby="trend-title">
        <div class="card-head">
          <h2 id="trend-title">SME resumption rate</h2>
          <fieldset class="segmented">
            <legend class="sr-only">Show</legend>
            {(Object.keys(MODE_TEXT) as Mode[]).map((m) => (
              <label>
                <input type="radio" name={name} value={m} checked={m === this.mode} onChange={() => this.show(m)} />
                <span>{MODE_TEXT[m]}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <p class="muted small">
          Share of supplier SMEs that have resumed work, {TREND_FROM} to {TREND_TO}.
        </p>
        {this.body.el}
      </section>
    );
    replace(this.body.el, <p class="muted loading">Loading…</p>);
  }

  /** Loads and draws the first view; the series is slow to compute, so callers start it last. */
  start(): void {
    void this.show(this.mode);
  }

  private series(mode: Mode): Promise<ResumptionSeries> {
    let p = this.cache.get(mode);
    if (!p) {
      p = this.api.get<ResumptionSeries>('/api/stats/resumption', {
        from: TREND_FROM,
        to: TREND_TO,
        role: 'supplier',
        by: mode === 'national' ? undefined : mode,
      });
      p.catch(() => this.cache.delete(mode));
      this.cache.set(mode, p);
    }
    return p;
  }

  private async show(mode: Mode): Promise<void> {
    this.mode = mode;
    this.chart?.destroy();
    this.chart = null;
    await this.body.load(
      () => this.series(mode),
      (data) => this.render(this.lines(mode, data)),
    );
  }

  private lines(mode: Mode, data: ResumptionSeries): Line[] {
    const national: Line = { label: 'National', points: data.points, colour: NATIONAL_COLOUR, national: true };
    if (mode === 'national' || !data.series) return [national];
    const last = (pts: ResumptionPoint[]) => pts[pts.length - 1]?.rate ?? 0;
    let groups = data.series;
    if (mode === 'province') {
      const lagging = [...groups].sort((a, b) => last(a.points) - last(b.points)).slice(0, LAGGING_PROVINCES);
      const own = groups.find((g) => g.key === this.ownProvince);
      groups = own && !lagging.includes(own) ? [own, ...lagging] : lagging;
    }
    return [
      national,
      ...groups.map((g, i) => ({
        label: mode === 'province' ? provinceText(g.key) : humanize(g.key),
        points: g.points,
        colour: PALETTE[i % PALETTE.length],
      })),
    ];
  }

  private render(lines: Line[]): HTMLElement {
    const canvas = <canvas /> as HTMLCanvasElement;
    const latest = (l: Line) => l.points[l.points.length - 1];
    const end = latest(lines[0]);
    canvas.setAttribute('role', 'img');
    canvas.setAttribute(
      'aria-label',
      `Line chart of the SME resumption rate, ${MODE_TEXT[this.mode].toLowerCase()}: ` +
        lines.map((l) => `${l.label} ${formatPct(l.points[0]?.rate)} to ${formatPct(latest(l)?.rate)}`).join('; '),
    );
    const wrap = (
      <div class="trend">
        <div class="chart-box">{canvas}</div>
        <ul class="legend" aria-label={`Latest rates${end ? ` on ${end.date}` : ''}`}>
          {lines.map((l) => (
            <li>
              <span class={l.national && lines.length > 1 ? 'swatch swatch-dashed' : 'swatch'} style={{ '--swatch': l.colour }} />
              <span class="legend-label">{l.label}</span>
              <span class="legend-value">{formatPct(latest(l)?.rate)}</span>
            </li>
          ))}
        </ul>
      </div>
    );
    // Chart.js measures its parent, so it is created once the region is in the document.
    queueMicrotask(() => {
      if (!canvas.isConnected) return;
      this.chart = new Chart(canvas, {
        type: 'line',
        data: {
          labels: lines[0].points.map((p) => p.date.slice(5)),
          datasets: lines.map((l) => ({
            label: l.label,
            data: l.points.map((p) => p.rate),
            borderColor: l.colour,
            backgroundColor: l.national && lines.length === 1 ? 'rgba(31, 58, 95, 0.10)' : l.colour,
            fill: l.national && lines.length === 1,
            borderWidth: l.national ? 2.5 : 1.8,
            borderDash: l.national && lines.length > 1 ? [6, 4] : [],
            pointRadius: 0,
            pointHoverRadius: 4,
            tension: 0.25,
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` }, grid: { color: '#eef1f5' } },
            x: { ticks: { maxTicksLimit: 8, maxRotation: 0 }, grid: { display: false } },
          },
          plugins: {
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatPct(c.parsed.y ?? undefined)}` } },
          },
        },
      });
    });
    return wrap;
  }

  dispose(): void {
    this.chart?.destroy();
    this.chart = null;
    replace(this.body.el);
  }
}
