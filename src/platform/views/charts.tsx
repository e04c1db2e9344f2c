// Server-rendered charts: Observable Plot draws an SVG into a linkedom document, so pages get a
// chart with no JavaScript. Each chart is a <figure> with its caption, the SVG and a <details>
// table of the same numbers (the accessible and no-JS fallback). Plot escapes data into the DOM;
// its serialized SVG is the one string this module inserts as HTML (see trustedPlotSvg).

import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { ComponentChildren, VNode } from 'preact';
import { t } from '../i18n/t.ts';
import { toPersianDigits } from '../persian/digits.ts';
import { formatNumber } from '../persian/money.ts';

export type BarDatum = { label: string; value: number; href?: string };
export type LinePoint = { x: string; value: number | null };

type Format = (n: number) => string;

/** Colour-blind-safe qualitative colours (Okabe–Ito), in series order; CSS swatches use the same. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;
const COMPARE_COLOUR = '#c9d6e3';

const WIDTH = 640;
const compactFormat = new Intl.NumberFormat('fa-IR', { notation: 'compact', maximumFractionDigits: 1 });
/** Axis ticks: short Persian numbers («۱۲ میلیارد»); exact values are in labels and the table. */
export function tickNumber(n: number): string {
  return Math.abs(n) >= 10_000 ? compactFormat.format(n) : formatNumber(n);
}

/**
 * Plot's SVG runs left to right (direction: ltr in monitoring.css), where «۱۲ میلیارد» or
 * «۵۰۰ ریال» would come out with the number on the wrong side. A leading RLM makes each label
 * a right-to-left run while its anchor stays where Plot put it.
 */
const RLM = '\u200F';
const rtl = (s: string) => RLM + s;

// ---------------------------------------------------------------- memo

const MEMO_LIMIT = 200;
const memo = new Map<string, string>();

/** A small LRU of rendered SVG strings keyed by a chart's inputs. */
function memoized(key: string, render: () => string): string {
  const hit = memo.get(key);
  if (hit !== undefined) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const svg = render();
  memo.set(key, svg);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  return svg;
}

/** For tests: how many charts are remembered. */
export function chartMemoSize(): number {
  return memo.size;
}

// ---------------------------------------------------------------- Plot → SVG string

function plotDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

/**
 * Plot's SVG without what the CSP forbids: its <style> element and style="" attributes
 * (the same rules live in monitoring.css under .chart svg). Every digit Plot writes in text
 * comes from our tick formats, which use Persian digits.
 */
function trustedPlotSvg(node: unknown): string {
  const html = (node as { outerHTML: string }).outerHTML;
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/ style="[^"]*"/g, '')
    .replace(/ class="plot-[a-z0-9]+"/, ' class="chart-svg"')
    // linkedom leaves a bare & in attribute values (an href's query); quotes it escapes itself.
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
}

function truncate(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Width for the category labels on the right: about 6.5 px a character at 11 px, capped. */
function labelMargin(labels: string[]): number {
  const longest = Math.max(4, ...labels.map((l) => Math.min(l.length, 26)));
  return Math.min(190, Math.round(longest * 6.5) + 16);
}

function renderBars(
  data: BarDatum[],
  format: Format,
  compare: { name: string; values: (number | null)[] } | undefined,
): string {
  const rows = data.map((d, i) => ({
    label: toPersianDigits(truncate(d.label, 26)),
    value: d.value,
    compare: compare?.values[i] ?? null,
    text: rtl(format(d.value)),
    href: d.href ?? null,
    title: toPersianDigits(`${d.label}: ${format(d.value)}`),
  }));
  const values = rows.flatMap((r) => (r.compare === null ? [r.value] : [r.value, r.compare]));
  const rowHeight = compare ? 36 : 28;
  // Room for the top margin and the axis below, then one band per row.
  const height = 60 + rows.length * rowHeight;
  const domain = rows.map((r) => r.label);
  const marks: Plot.Markish[] = [];
  if (compare) {
    marks.push(
      Plot.barX(
        rows.filter((r) => r.compare !== null),
        { x: 'compare', y: 'label', fill: COMPARE_COLOUR, title: (r: (typeof rows)[number]) => toPersianDigits(`${compare.name}: ${format(r.compare as number)}`) },
      ),
    );
  }
  marks.push(
    Plot.barX(rows, {
      x: 'value',
      y: 'label',
      fill: SERIES_COLOURS[0],
      insetTop: compare ? 6 : 2,
      insetBottom: compare ? 6 : 2,
      href: (r: (typeof rows)[number]) => r.href,
      title: 'title',
    } as Plot.BarXOptions),
    Plot.text(rows, { x: 'value', y: 'label', text: 'text', textAnchor: 'end', dx: -4, fill: 'currentColor' }),
    Plot.ruleX([0]),
  );
  const svg = Plot.plot({
    document: plotDocument(),
    width: WIDTH,
    height,
    marginRight: labelMargin(domain),
    marginLeft: 16,
    marginTop: 28,
    // Room on the far (left) side for the value written past the longest bar.
    x: { reverse: true, grid: true, label: null, tickFormat: (n: number) => rtl(tickNumber(n)), ticks: 4, domain: [Math.min(0, ...values), Math.max(1, ...values) * 1.35] },
    y: { axis: 'right', label: null, domain, tickSize: 0, padding: 0.15, tickFormat: rtl },
    marks,
  } as Plot.PlotOptions);
  return trustedPlotSvg(svg);
}

function renderLines(series: { name: string; points: LinePoint[] }[], format: Format): string {
  const domain: string[] = [];
  for (const s of series) for (const p of s.points) if (!domain.includes(p.x)) domain.push(p.x);
  const marks: Plot.Markish[] = [];
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const points = s.points.map((p) => ({
      x: p.x,
      value: p.value ?? Number.NaN,
      title: toPersianDigits(`${s.name} ${p.x}: ${p.value === null ? t('results.chart.noValue') : format(p.value)}`),
    }));
    marks.push(
      Plot.lineY(points, { x: 'x', y: 'value', stroke: colour, strokeWidth: 2 }),
      Plot.dot(
        points.filter((p) => !Number.isNaN(p.value)),
        { x: 'x', y: 'value', fill: colour, r: 3.5, title: 'title' },
      ),
    );
  });
  const svg = Plot.plot({
    document: plotDocument(),
    width: WIDTH,
    height: 260,
    marginLeft: 56,
    marginTop: 24,
    // At most about seven labels under the axis; every point is still drawn and in the table.
    x: { type: 'point', domain, label: null, tickFormat: (x: string) => rtl(toPersianDigits(x)), padding: 0.3, ticks: domain.filter((_, i) => i % Math.ceil(domain.length / 7) === 0) },
    y: { grid: true, label: null, tickFormat: (n: number) => rtl(tickNumber(n)), ticks: 5, nice: true, zero: false },
    marks,
  } as Plot.PlotOptions);
  return trustedPlotSvg(svg);
}

// ---------------------------------------------------------------- components

/**
 * The data behind a chart or map as a table under <details>: what screen readers, phones and
 * pages without JavaScript read instead of the drawing.
 */
export function DataTable(props: { title: string; headers: string[]; rows: { head: ComponentChildren; cells: string[] }[] }) {
  return (
    <details class="chart-data">
      <summary>{t('results.chart.table')}</summary>
      <div class="table-wrap">
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              {props.headers.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.head}</th>
                {r.cells.map((c, j) => (
                  <td class="num" key={j}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ChartSvg({ svg, title }: { svg: string; title: string }) {
  // The chart's name for assistive technology, added here (escaped) rather than through Plot so
  // that no caller's text ever sits in the <svg> tag Plot wrote.
  const label = escapeXml(title);
  const titled = svg.replace(/^<svg /, `<svg role="img" aria-label="${label}" `).replace(/^(<svg [^>]*>)/, `$1<title>${label}</title>`);
  return <div class="chart-canvas" dangerouslySetInnerHTML={{ __html: titled }} />;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function Empty({ title }: { title: string }) {
  return (
    <figure class="chart chart-empty">
      <figcaption>{title}</figcaption>
      <p class="empty">{t('results.chart.empty')}</p>
    </figure>
  );
}

function Legend({ items }: { items: { name: string; swatch: string }[] }) {
  return (
    <ul class="chart-legend">
      {items.map((it) => (
        <li key={it.name}>
          <span class={`chart-swatch ${it.swatch}`} aria-hidden="true" />
          {it.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * Horizontal bars growing from the right edge (the category labels sit on the right, as Persian
 * readers expect). With `compare`, each row also shows a wide light bar (e.g. funded behind spent).
 */
export function BarChart(props: {
  title: string;
  data: BarDatum[];
  format?: Format;
  unit?: string;
  valueName?: string;
  compare?: { name: string; values: (number | null)[] };
}): VNode {
  const { title, data, compare } = props;
  if (data.length === 0) return <Empty title={title} />;
  const format = props.format ?? formatNumber;
  const valueName = props.valueName ?? t('results.chart.value');
  const key = JSON.stringify(['bar', title, data.map((d) => [d.label, d.value, d.href ?? '', format(d.value)]), compare?.name, compare?.values.map((v) => (v === null ? null : [v, format(v)]))]);
  const svg = memoized(key, () => renderBars(data, format, compare));
  return (
    <figure class="chart chart-bar">
      <figcaption>
        {title}
        {props.unit && <span class="chart-unit"> ({props.unit})</span>}
      </figcaption>
      {compare && (
        <Legend
          items={[
            { name: valueName, swatch: 'chart-swatch-0' },
            { name: compare.name, swatch: 'chart-swatch-compare' },
          ]}
        />
      )}
      <ChartSvg svg={svg} title={title} />
      <DataTable
        title={title}
        headers={[t('results.chart.label'), valueName, ...(compare ? [compare.name] : [])]}
        rows={data.map((d, i) => {
          const c = compare?.values[i] ?? null;
          const cells = [format(d.value), ...(compare ? [c === null ? t('results.chart.noValue') : format(c)] : [])];
          return { head: d.href ? <a href={d.href}>{toPersianDigits(d.label)}</a> : toPersianDigits(d.label), cells };
        })}
      />
    </figure>
  );
}

/** Lines over ordered periods (x labels as given, e.g. «۱۴۰۰»); null values leave a gap. */
export function LineChart(props: { title: string; series: { name: string; points: LinePoint[] }[]; format?: Format; unit?: string }): VNode {
  const { title } = props;
  const series = props.series.filter((s) => s.points.some((p) => p.value !== null));
  if (series.length === 0) return <Empty title={title} />;
  const format = props.format ?? formatNumber;
  const key = JSON.stringify(['line', title, series.map((s) => [s.name, s.points.map((p) => [p.x, p.value, p.value === null ? null : format(p.value)])])]);
  const svg = memoized(key, () => renderLines(series, format));
  const xs: string[] = [];
  for (const s of series) for (const p of s.points) if (!xs.includes(p.x)) xs.push(p.x);
  return (
    <figure class="chart chart-line">
      <figcaption>
        {title}
        {props.unit && <span class="chart-unit"> ({props.unit})</span>}
      </figcaption>
      {series.length > 1 && <Legend items={series.map((s, i) => ({ name: s.name, swatch: `chart-swatch-${i % SERIES_COLOURS.length}` }))} />}
      <ChartSvg svg={svg} title={title} />
      <DataTable
        title={title}
        headers={[t('results.chart.period'), ...series.map((s) => s.name)]}
        rows={xs.map((x) => ({
          head: toPersianDigits(x),
          cells: series.map((s) => {
            const v = s.points.find((p) => p.x === x)?.value ?? null;
            return v === null ? t('results.chart.noValue') : format(v);
          }),
        }))}
      />
    </figure>
  );
}
