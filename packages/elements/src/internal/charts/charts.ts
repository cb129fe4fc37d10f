/**
 * The widgets' two charts as SVG drawn by small Lit templates: grouped horizontal bars
 * (consumption per period, cost against advances) and a line (the monthly fee). Loaded on
 * demand (`chart-loader.ts`) only by the widgets that show a chart, so a page without one never
 * downloads this.
 *
 * Why no library: the two shapes need a few dozen lines each, and a library that fits the
 * widgets' size budget does not also give keyboard focus, Polish texts and greyscale patterns.
 *
 * Accessibility, for every chart: a caption names it; each bar and point is focusable (one tab
 * stop per chart, arrow keys, Home and End move between them, as in a toolbar) and is an image
 * named by its period, series and value; the series differ by pattern (solid, hatched, dotted)
 * as well as by colour, so they survive greyscale printing; each bar carries its value as text.
 * Coordinates are percentages of the width, so text keeps its size at any width and a phone
 * 360 px wide never scrolls sideways. Values for the geometry are plain numbers (a pixel has no
 * grosz); every figure on screen is the API's exact decimal, formatted by the widget.
 */
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** How a series is filled: all three differ without colour. */
export type SeriesStyle = 'solid' | 'hatched' | 'dotted';

export interface ChartSeries {
  label: string;
  style: SeriesStyle;
}

/** One value of a series: the number for the geometry, the text as the widget formats it. */
export interface ChartValue {
  value: number;
  text: string;
}

export interface BarGroup {
  /** The period, e.g. "I półrocze 2026". */
  label: string;
  /** One per series; null: no data for that period. */
  values: (ChartValue | null)[];
}

export interface BarChartSpec {
  /** Unique within the widget: prefixes the ids of the chart's patterns and caption. */
  id: string;
  title: string;
  series: ChartSeries[];
  groups: BarGroup[];
  /** What a missing value reads as ("brak danych"). */
  noData: string;
}

export interface LinePoint {
  /** The month, e.g. "01.2026". */
  label: string;
  value: ChartValue | null;
  /** What changed this month; such a point is drawn larger and hollow. */
  note?: string;
}

export interface LineChartSpec {
  id: string;
  title: string;
  /** Oldest first. */
  points: LinePoint[];
  /** The point shown in the readout under the chart (focused or under the pointer). */
  active: number | null;
  onActivate: (index: number | null) => void;
  /** The readout when no point is active. */
  hint: string;
  /** Tick labels every this many points. */
  tickEvery?: number;
}

const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const LABEL_HEIGHT = 20;
const GROUP_GAP = 12;
/** The widest bar, in % of the width: the rest keeps room for its value's text. */
const BAR_MAX = 60;

/** Pattern definitions for one chart (ids are scoped by the shadow root and prefixed by chart). */
function patterns(id: string): SVGTemplateResult {
  return svg`<defs>
    <pattern id="${id}-hatched" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" class="fill-surface"></rect>
      <rect width="3" height="6" class="fill-primary"></rect>
    </pattern>
    <pattern id="${id}-dotted" width="5" height="5" patternUnits="userSpaceOnUse">
      <rect width="5" height="5" class="fill-surface"></rect>
      <circle cx="2.5" cy="2.5" r="1.4" class="fill-text"></circle>
    </pattern>
  </defs>`;
}

function fillOf(id: string, style: SeriesStyle): string {
  return style === 'solid' ? '' : `url(#${id}-${style})`;
}

/** Arrow keys, Home and End move the focus between a chart's data (one tab stop per chart). */
function moveFocus(event: KeyboardEvent): void {
  const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  if (!(event.key in keys) && event.key !== 'Home' && event.key !== 'End') return;
  const chart = event.currentTarget as SVGSVGElement;
  const data = [...chart.querySelectorAll<SVGElement>('.datum')];
  if (data.length === 0) return;
  const current = data.indexOf(event.target as SVGElement);
  let next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? data.length - 1
        : Math.min(data.length - 1, Math.max(0, current + keys[event.key]!));
  if (current === -1 && keys[event.key]) next = 0;
  event.preventDefault();
  for (const datum of data) datum.setAttribute('tabindex', '-1');
  data[next]!.setAttribute('tabindex', '0');
  data[next]!.focus();
}

function legend(id: string, series: ChartSeries[]): TemplateResult {
  return html`<ul class="chart-legend" aria-hidden="true">
    ${series.map(
      (s) =>
        html`<li>
          <svg width="18" height="12" class="swatch">
            ${patterns(`${id}-l`)}
            <rect
              x="1"
              y="1"
              width="16"
              height="10"
              class="bar bar-${s.style}"
              fill=${fillOf(`${id}-l`, s.style) || nothing}
            ></rect>
          </svg>
          ${s.label}
        </li>`,
    )}
  </ul>`;
}

/** Grouped horizontal bars: a row of bars per period, one bar per series, each with its value. */
export function barChart(spec: BarChartSpec): TemplateResult {
  const max = Math.max(0, ...spec.groups.flatMap((g) => g.values.map((v) => (v ? v.value : 0))));
  const groupHeight = LABEL_HEIGHT + spec.series.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const height = spec.groups.length * groupHeight;
  let first = true;
  const rows = spec.groups.map((group, g) => {
    const top = g * groupHeight;
    const bars = spec.series.map((series, s) => {
      const datum = group.values[s] ?? null;
      const y = top + LABEL_HEIGHT + s * (BAR_HEIGHT + BAR_GAP);
      const width = datum && max > 0 ? Math.max(0, (datum.value / max) * BAR_MAX) : 0;
      const text = datum ? datum.text : spec.noData;
      const tabindex = first ? '0' : '-1';
      first = false;
      return svg`<g class="datum" tabindex=${tabindex} role="img" aria-label=${`${group.label}, ${series.label}: ${text}`}>
        <rect class="focus-ring" x="0" y=${y - 2} width="100%" height=${BAR_HEIGHT + 4} rx="3"></rect>
        ${
          datum
            ? svg`<rect class="bar bar-${series.style}" x="0" y=${y} width="${width.toFixed(2)}%" height=${BAR_HEIGHT}
                fill=${fillOf(spec.id, series.style) || nothing}></rect>`
            : nothing
        }
        <text class="value" x="${(width + 1.5).toFixed(2)}%" y=${y + BAR_HEIGHT - 3}>${text}</text>
      </g>`;
    });
    return svg`<text class="group-label" x="0" y=${top + LABEL_HEIGHT - 6}>${group.label}</text>${bars}`;
  });
  return html`<figure class="chart" part="chart" aria-labelledby="${spec.id}-title">
    <figcaption id="${spec.id}-title" class="chart-title">${spec.title}</figcaption>
    ${legend(spec.id, spec.series)}
    <svg
      class="chart-svg"
      width="100%"
      height=${height}
      role="group"
      aria-labelledby="${spec.id}-title"
      @keydown=${moveFocus}
    >
      ${patterns(spec.id)} ${rows}
    </svg>
  </figure>`;
}

const LINE_TOP = 24;
const LINE_HEIGHT = 140;
const LINE_BOTTOM = 34;
/** The horizontal margins of the plot, in % of the width (room for the point's marker). */
const X_START = 3;
const X_END = 97;

/** A line of monthly values with focusable points; the active point is described under it. */
export function lineChart(spec: LineChartSpec): TemplateResult {
  const values = spec.points.flatMap((p) => (p.value ? [p.value.value] : []));
  const top = values.length ? Math.max(...values) : 1;
  const bottom = values.length ? Math.min(...values) : 0;
  // A flat line sits in the middle; otherwise 10 % of air above and below.
  const pad = top === bottom ? Math.max(1, Math.abs(top) * 0.1) : (top - bottom) * 0.1;
  const high = top + pad;
  const low = bottom - pad;
  const n = spec.points.length;
  const x = (i: number) => (n <= 1 ? 50 : X_START + (i * (X_END - X_START)) / (n - 1));
  const y = (v: number) => LINE_TOP + ((high - v) / (high - low)) * LINE_HEIGHT;
  const every = spec.tickEvery ?? 6;
  const segments: SVGTemplateResult[] = [];
  for (let i = 1; i < n; i++) {
    const a = spec.points[i - 1]!.value;
    const b = spec.points[i]!.value;
    if (a && b) {
      segments.push(
        svg`<line class="line" x1="${x(i - 1).toFixed(2)}%" y1=${y(a.value).toFixed(1)} x2="${x(i).toFixed(2)}%" y2=${y(b.value).toFixed(1)}></line>`,
      );
    }
  }
  const firstWithValue = spec.points.findIndex((p) => p.value);
  const focusable = spec.active ?? firstWithValue;
  const points = spec.points.map((point, i) => {
    const tick =
      i % every === 0 || i === n - 1
        ? svg`<text class="tick ${i % (every * 2) === 0 || i === n - 1 ? '' : 'minor'}" x="${x(i).toFixed(2)}%" y=${LINE_TOP + LINE_HEIGHT + 26} text-anchor=${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>${point.label}</text>`
        : nothing;
    if (!point.value) return tick;
    const cy = y(point.value.value).toFixed(1);
    const label = `${point.label}: ${point.value.text}${point.note ? `. ${point.note}` : ''}`;
    return svg`${tick}<g class="datum point ${point.note ? 'changed' : ''} ${spec.active === i ? 'active' : ''}"
        tabindex=${i === focusable ? '0' : '-1'} role="img" aria-label=${label}
        @focus=${() => spec.onActivate(i)} @mouseenter=${() => spec.onActivate(i)}>
      <circle class="focus-ring" cx="${x(i).toFixed(2)}%" cy=${cy} r="11"></circle>
      <circle class="marker" cx="${x(i).toFixed(2)}%" cy=${cy} r=${point.note ? 6 : 4}></circle>
    </g>`;
  });
  const active = spec.active !== null ? spec.points[spec.active] : undefined;
  const grid = [top, bottom].filter((v, i, all) => values.length && all.indexOf(v) === i);
  const gridText = (v: number) => spec.points.find((p) => p.value?.value === v)?.value?.text ?? '';
  return html`<figure class="chart" part="chart" aria-labelledby="${spec.id}-title">
    <figcaption id="${spec.id}-title" class="chart-title">${spec.title}</figcaption>
    <svg
      class="chart-svg"
      width="100%"
      height=${LINE_TOP + LINE_HEIGHT + LINE_BOTTOM}
      role="group"
      aria-labelledby="${spec.id}-title"
      @keydown=${moveFocus}
      @mouseleave=${() => spec.onActivate(null)}
    >
      ${grid.map((v, i) => {
        // At the right end, the highest above its line and the lowest below it: clear of the
        // points, which sit on the lines.
        const labelY = i === 0 ? y(v) - 6 : y(v) + 16;
        return svg`<line class="grid" x1="0" x2="100%" y1=${y(v).toFixed(1)} y2=${y(v).toFixed(1)}></line>
          <text class="grid-label" x="100%" text-anchor="end" y=${labelY.toFixed(1)}>${gridText(v)}</text>`;
      })}
      ${segments} ${points}
    </svg>
    <p class="chart-readout" part="chart-readout">
      ${active?.value ? html`<strong>${active.label}: ${active.value.text}</strong>${active.note ? html`<br />${active.note}` : nothing}` : spec.hint}
    </p>
  </figure>`;
}
