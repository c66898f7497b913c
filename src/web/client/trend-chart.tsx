/**
 * The resumption trend: the SME resumption rate day by day up to the data date, nationally,
 * for the provinces that lag most (and the liaison's own), or by industry. Chart.js draws
 * it; an HTML legend with each line's latest rate doubles as the text alternative.
 */
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api, Query } from './api';
import { addDays, fmtDate, fmtPct, lang, t } from './i18n';
import { industryText, provinceText } from './labels';
import type { ResumptionPoint, ResumptionSeries } from './model';
import { ErrorNote, Loading, useId, useLoad } from './ui';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

/** Days shown up to the data date: the campaign's first seven weeks fit. */
export const TREND_DAYS = 50;
const LAGGING_PROVINCES = 5;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const NATIONAL_COLOUR = '#1f3a5f';

type Mode = 'national' | 'province' | 'industry';
const MODES: Mode[] = ['national', 'province', 'industry'];

interface Line {
  label: string;
  points: ResumptionPoint[];
  colour: string;
  national?: boolean;
}

export function TrendChart(props: { api: Api; to: string; filter: Query; ownProvince?: string }) {
  const [mode, setMode] = useState<Mode>('national');
  const name = useId('trend-mode');
  const from = addDays(props.to, -(TREND_DAYS - 1));
  const cache = useMemo(() => new Map<Mode, Promise<ResumptionSeries>>(), [props.to]);
  const load = useLoad(() => {
    let p = cache.get(mode);
    if (!p) {
      p = props.api.get<ResumptionSeries>('/api/stats/resumption', { from, to: props.to, ...props.filter, by: mode === 'national' ? undefined : mode });
      p.catch(() => cache.delete(mode));
      cache.set(mode, p);
    }
    return p;
  }, [mode, props.to]);
  const l10n = lang.value;
  // Drawn again only when the data, the mode or the language change, not on every render.
  const drawn = useMemo(() => (load.data ? lines(mode, load.data, props.ownProvince) : null), [load.data, l10n]);

  return (
    <section class="card card-wide" aria-labelledby="trend-title">
      <div class="card-head">
        <h2 id="trend-title">{t('trend.title')}</h2>
        <fieldset class="segmented">
          <legend class="sr-only">{t('trend.show')}</legend>
          {MODES.map((m) => (
            <label>
              <input type="radio" name={name} value={m} checked={m === mode} onChange={() => setMode(m)} />
              <span>{t(`trend.mode.${m}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p class="muted small">{t('trend.caption', { from: fmtDate(from), to: fmtDate(props.to) })}</p>
      <div class="trend-body" aria-busy={load.loading}>
        {load.error ? <ErrorNote error={load.error} /> : drawn ? <Drawing mode={mode} lines={drawn} /> : <Loading />}
      </div>
    </section>
  );
}

function lines(mode: Mode, data: ResumptionSeries, ownProvince?: string): Line[] {
  const national: Line = { label: t('trend.national'), points: data.points, colour: NATIONAL_COLOUR, national: true };
  if (mode === 'national' || !data.series) return [national];
  const last = (pts: ResumptionPoint[]) => pts[pts.length - 1]?.rate ?? 0;
  let groups = data.series;
  if (mode === 'province') {
    const lagging = [...groups].sort((a, b) => last(a.points) - last(b.points)).slice(0, LAGGING_PROVINCES);
    const own = groups.find((g) => g.key === ownProvince);
    groups = own && !lagging.includes(own) ? [own, ...lagging] : lagging;
  }
  return [
    national,
    ...groups.map((g, i) => ({
      label: mode === 'province' ? provinceText(g.key) : industryText(g.key),
      points: g.points,
      colour: PALETTE[i % PALETTE.length],
    })),
  ];
}

function Drawing(props: { mode: Mode; lines: Line[] }) {
  const { lines: ls } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = (l: Line) => l.points[l.points.length - 1];
  const end = latest(ls[0]);
  const l10n = lang.value;
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'line',
      data: {
        labels: ls[0].points.map((p) => fmtDate(p.date, { short: true })),
        datasets: ls.map((l) => ({
          label: l.label,
          data: l.points.map((p) => p.rate),
          borderColor: l.colour,
          backgroundColor: l.national && ls.length === 1 ? 'rgba(31, 58, 95, 0.10)' : l.colour,
          fill: l.national && ls.length === 1,
          borderWidth: l.national ? 2.5 : 1.8,
          borderDash: l.national && ls.length > 1 ? [6, 4] : [],
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
          y: { min: 0, max: 100, ticks: { callback: (v) => fmtPct(Number(v)) }, grid: { color: '#eef1f5' } },
          x: { ticks: { maxTicksLimit: window.innerWidth < 640 ? 4 : 8, maxRotation: 0 }, grid: { display: false } },
        },
        plugins: {
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmtPct(c.parsed.y ?? undefined)}` } },
        },
      },
    });
    return () => chart.destroy();
  }, [ls, l10n]);
  return (
    <div class="trend">
      <div class="chart-box">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('trend.aria', {
            mode: t(`trend.mode.${props.mode}`),
            lines: ls.map((l) => t('trend.ariaLine', { label: l.label, from: fmtPct(l.points[0]?.rate), to: fmtPct(latest(l)?.rate) })).join('; '),
          })}
        />
      </div>
      <ul class="legend" aria-label={end ? t('trend.latestOn', { date: fmtDate(end.date) }) : t('trend.latest')}>
        {ls.map((l) => (
          <li>
            <span class={l.national && ls.length > 1 ? 'swatch swatch-dashed' : 'swatch'} style={{ '--swatch': l.colour }} />
            <span class="legend-label">{l.label}</span>
            <span class="legend-value">{fmtPct(latest(l)?.rate)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
