/**
 * Provinces as a tile grid (one square per province, placed roughly where it lies; no base
 * map), coloured by resumption rate, with each province's open tasks and the flows of
 * cross-province tasks: from the provinces whose leaders are blocked to the province that
 * works the task.
 */
import { fmtNum, fmtPct, t, tn } from './i18n';
import { provinceText } from './labels';
import type { ResumptionFigure, Task } from './model';

/** [column, row] of each province's tile. */
const TILES: Record<string, [number, number]> = {
  '230000': [7, 0],
  '150000': [4, 1],
  '110000': [5, 1],
  '220000': [6, 1],
  '650000': [0, 2],
  '640000': [2, 2],
  '140000': [3, 2],
  '130000': [4, 2],
  '120000': [5, 2],
  '210000': [6, 2],
  '630000': [1, 3],
  '620000': [2, 3],
  '610000': [3, 3],
  '410000': [4, 3],
  '370000': [5, 3],
  '540000': [0, 4],
  '510000': [2, 4],
  '500000': [3, 4],
  '420000': [4, 4],
  '340000': [5, 4],
  '320000': [6, 4],
  '310000': [7, 4],
  '520000': [2, 5],
  '430000': [3, 5],
  '360000': [4, 5],
  '330000': [5, 5],
  '530000': [2, 6],
  '450000': [3, 6],
  '440000': [4, 6],
  '350000': [5, 6],
  '710000': [6, 6],
  '460000': [3, 7],
  '810000': [4, 7],
  '820000': [5, 7],
};
const SIZE = 56;
const GAP = 4;

/** One province's figure (GET /api/stats/resumption?by=province). */
export type ProvinceFigure = NonNullable<ResumptionFigure['by']>[number];

/** Red (0 %) through amber to green (100 %), light enough for dark text. */
export function rateColour(rate: number | undefined): string {
  if (rate === undefined) return '#e6eaef';
  const hue = Math.max(0, Math.min(120, (rate / 100) * 120));
  return `hsl(${hue.toFixed(0)} 60% 78%)`;
}

/** A name that fits a tile: "湖北", "Hubei", "Inner M.". */
function shortName(code: string): string {
  const name = provinceText(code).replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
  return name.length > 8 ? `${name.slice(0, 7)}.` : name;
}

export function ProvinceMap(props: { figures: ProvinceFigure[]; tasks: Task[] | null; own?: string; date: string }) {
  // A province whose filters leave nothing to count (rate null) is shown as one without data.
  const byKey = new Map(props.figures.flatMap((f) => (f.rate === null ? [] : [[f.key, { ...f, rate: f.rate }] as const])));
  const open = new Map<string, number>();
  const flows = new Map<string, number>();
  for (const task of props.tasks ?? []) {
    open.set(task.assigneeProvince, (open.get(task.assigneeProvince) ?? 0) + 1);
    for (const from of task.requestingProvinces) {
      if (from === task.assigneeProvince || !TILES[from] || !TILES[task.assigneeProvince]) continue;
      const k = `${from}>${task.assigneeProvince}`;
      flows.set(k, (flows.get(k) ?? 0) + 1);
    }
  }
  const centre = (code: string) => {
    const [c, r] = TILES[code];
    return [c * (SIZE + GAP) + SIZE / 2, r * (SIZE + GAP) + SIZE / 2];
  };
  const maxFlow = Math.max(1, ...flows.values());
  const width = 8 * (SIZE + GAP);
  const height = 8 * (SIZE + GAP);
  return (
    <div class="tilemap">
      <svg viewBox={`0 0 ${width} ${height}`} role="group" aria-label={t('map.aria', { date: props.date })}>
        <defs>
          <marker id="flow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#1d5fa6" />
          </marker>
        </defs>
        {Object.entries(TILES).map(([code, [c, r]]) => {
          const f = byKey.get(code);
          const n = open.get(code) ?? 0;
          const label = `${provinceText(code)}: ${f ? fmtPct(f.rate) : t('map.noData')}${n ? `, ${tn('map.openTasks', n)}` : ''}`;
          return (
            <a href={`#/inbox?province=${code}`} aria-label={label} class={code === props.own ? 'tile tile-own' : 'tile'}>
              <title>{label}</title>
              <rect x={c * (SIZE + GAP)} y={r * (SIZE + GAP)} width={SIZE} height={SIZE} rx="6" fill={rateColour(f?.rate)} />
              <text x={c * (SIZE + GAP) + SIZE / 2} y={r * (SIZE + GAP) + 20} text-anchor="middle" class="tile-name">
                {shortName(code)}
              </text>
              <text x={c * (SIZE + GAP) + SIZE / 2} y={r * (SIZE + GAP) + 36} text-anchor="middle" class="tile-rate">
                {f ? fmtNum(f.rate, 0) : '–'}
              </text>
              {n ? (
                <text x={c * (SIZE + GAP) + SIZE / 2} y={r * (SIZE + GAP) + 50} text-anchor="middle" class="tile-tasks">
                  {tn('map.tasksShort', n)}
                </text>
              ) : null}
            </a>
          );
        })}
        <g aria-hidden="true" class="flows">
          {[...flows].map(([k, n]) => {
            const [from, to] = k.split('>');
            const [ax, ay] = centre(from);
            const [bx, by] = centre(to);
            // From the edge of one tile to the edge of the other, so the figures stay legible.
            const len = Math.hypot(bx - ax, by - ay) || 1;
            const [ux, uy] = [(bx - ax) / len, (by - ay) / len];
            const [x1, y1] = [ax + ux * 14, ay + uy * 14];
            const [x2, y2] = [bx - ux * 24, by - uy * 24];
            // A slight curve, so flows both ways between two provinces do not overlap.
            const mx = (x1 + x2) / 2 + (y2 - y1) * 0.15;
            const my = (y1 + y2) / 2 - (x2 - x1) * 0.15;
            return (
              <path
                d={`M${x1},${y1} Q${mx},${my} ${x2},${y2}`}
                fill="none"
                stroke="#1d5fa6"
                stroke-opacity="0.6"
                stroke-width={1 + (2 * n) / maxFlow}
                marker-end="url(#flow-head)"
              />
            );
          })}
        </g>
      </svg>
      <div class="tilemap-legend muted small">
        <span class="swatch-scale" aria-hidden="true" />
        <span>{t('map.legend')}</span>
      </div>
    </div>
  );
}
