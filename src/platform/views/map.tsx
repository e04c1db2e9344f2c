// A server-rendered choropleth: d3-geo projects GeoJSON shapes into a fixed-width SVG (no
// JavaScript), one focusable link per area, values in five classes of a colour-blind-safe
// sequential palette (dark = worse), a hatch for no data and a dashed outline for shapes that
// are illustrative rather than real boundaries. A <details> table carries the same numbers.

import { geoArea, geoBounds, geoMercator, geoPath } from 'd3-geo';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { VNode } from 'preact';
import { t } from '../i18n/t.ts';
import { toPersianDigits } from '../persian/digits.ts';
import { formatNumber } from '../persian/money.ts';
import { DataTable } from './charts.tsx';

export type MapArea = {
  id: number;
  name: string;
  geometry: Geometry;
  value: number | null;
  href?: string;
  illustrative: boolean;
};

type Format = (n: number) => string;

/** ColorBrewer OrRd (5 classes): sequential and colour-blind safe; index 4 is the darkest. */
export const MAP_PALETTE = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] as const;
export const NO_DATA_FILL = '#d9d9d9';

const WIDTH = 640;
const MAX_HEIGHT = 560;
const PAD = 8;
/** The smallest span drawn, in degrees (about 2.5 km): one small neighborhood never fills the map. */
const MIN_SPAN = 0.025;

// ---------------------------------------------------------------- winding

function reverseRings(rings: Position[][]): Position[][] {
  return rings.map((ring) => [...ring].reverse());
}

/**
 * d3-geo reads a ring's orientation on the sphere: an exterior ring wound the RFC 7946 way
 * (counter-clockwise) is taken as "everything but this polygon" and fills the globe. Such a
 * polygon has an area above 2π steradians; reversing its rings fixes it.
 */
export function rewindGeometry<G extends Geometry>(geometry: G): G {
  if (geometry.type === 'Polygon') {
    const p = geometry as Polygon;
    return (geoArea(p) > 2 * Math.PI ? { ...p, coordinates: reverseRings(p.coordinates) } : p) as G;
  }
  if (geometry.type === 'MultiPolygon') {
    const m = geometry as MultiPolygon;
    const coordinates = m.coordinates.map((poly) =>
      geoArea({ type: 'Polygon', coordinates: poly }) > 2 * Math.PI ? reverseRings(poly) : poly,
    );
    return { ...m, coordinates } as G;
  }
  return geometry;
}

// ---------------------------------------------------------------- classes

export type MapClass = { from: number; to: number };

/**
 * Classes for the legend: one per value when there are five distinct values or fewer (counts of
 * plans, say), else five equal-width classes; with whole-number values the boundaries are whole.
 */
export function mapClasses(values: number[]): MapClass[] {
  if (values.length === 0) return [];
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length <= 5) return distinct.map((v) => ({ from: v, to: v }));
  const min = distinct[0] as number;
  const max = distinct[distinct.length - 1] as number;
  const whole = values.every((v) => Number.isInteger(v));
  const step = (max - min) / 5;
  const out: MapClass[] = [];
  for (let i = 0; i < 5; i++) {
    const to = i === 4 ? max : whole ? Math.round(min + step * (i + 1)) : min + step * (i + 1);
    const from = i === 0 ? min : whole ? (out[i - 1] as MapClass).to + 1 : (out[i - 1] as MapClass).to;
    out.push({ from, to });
  }
  return out;
}

function classOf(value: number, classes: MapClass[]): number {
  for (let i = 0; i < classes.length; i++) if (value <= (classes[i] as MapClass).to) return i;
  return classes.length - 1;
}

/** The palette index of a class: dark for worse (higher when higherIsWorse, lower otherwise). */
function paletteIndex(cls: number, count: number, higherIsWorse: boolean): number {
  const spread = count <= 1 ? 2 : Math.round((cls * 4) / (count - 1));
  return higherIsWorse ? spread : 4 - spread;
}

function hashOf(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

// ---------------------------------------------------------------- component

export function ChoroplethMap(props: {
  title: string;
  areas: MapArea[];
  legendTitle: string;
  format?: Format;
  higherIsWorse?: boolean;
  attribution?: string;
}): VNode {
  const { title, legendTitle } = props;
  const format = props.format ?? formatNumber;
  const higherIsWorse = props.higherIsWorse ?? true;
  const areas = props.areas.map((a) => ({ ...a, geometry: rewindGeometry(a.geometry) }));
  if (areas.length === 0) {
    return (
      <figure class="map map-empty">
        <figcaption>{title}</figcaption>
        <p class="empty">{t('results.chart.empty')}</p>
      </figure>
    );
  }

  const drawn = {
    type: 'FeatureCollection' as const,
    features: areas.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.geometry as Geometry })),
  };
  // What the projection fits: the shapes, widened to MIN_SPAN around their centre when tiny.
  const [[w, s], [e, n]] = geoBounds(drawn);
  const [cx, cy] = [(w + e) / 2, (s + n) / 2];
  const half = MIN_SPAN / 2;
  const collection = e - w < MIN_SPAN && n - s < MIN_SPAN
    ? { ...drawn, features: [...drawn.features, { type: 'Feature' as const, properties: {}, geometry: { type: 'MultiPoint', coordinates: [[cx - half, cy - half], [cx + half, cy + half]] } as Geometry }] }
    : drawn;
  const projection = geoMercator().fitWidth(WIDTH - 2 * PAD, collection);
  let path = geoPath(projection).digits(1);
  let [[, y0], [, y1]] = path.bounds(collection);
  let height = Math.ceil(y1 - y0) + 2 * PAD;
  if (!Number.isFinite(height) || height > MAX_HEIGHT) {
    projection.fitExtent([[PAD, PAD], [WIDTH - PAD, MAX_HEIGHT - PAD]], collection);
    path = geoPath(projection).digits(1);
    [[, y0], [, y1]] = path.bounds(collection);
    height = MAX_HEIGHT;
  } else {
    projection.translate([projection.translate()[0] + PAD, projection.translate()[1] - y0 + PAD]);
    path = geoPath(projection).digits(1);
  }

  const values = areas.flatMap((a) => (a.value === null ? [] : [a.value]));
  const classes = mapClasses(values);
  const uid = hashOf(`${title}|${areas.map((a) => a.id).join(',')}`);
  const hatchId = `map-hatch-${uid}`;
  const anyIllustrative = areas.some((a) => a.illustrative);
  const anyMissing = areas.some((a) => a.value === null);
  const showLabels = areas.length <= 12;

  const shapes = areas.map((a) => {
    const d = path(a.geometry) ?? '';
    const fill = a.value === null ? `url(#${hatchId})` : MAP_PALETTE[paletteIndex(classOf(a.value, classes), classes.length, higherIsWorse)];
    const label = toPersianDigits(`${a.name}: ${a.value === null ? t('results.map.noData') : format(a.value)}${a.illustrative ? ` (${t('results.map.illustrativeMark')})` : ''}`);
    const shape = (
      <path
        d={d}
        fill={fill}
        class={a.illustrative ? 'map-area map-illustrative' : 'map-area'}
        stroke="#444"
        stroke-width={a.illustrative ? 0.8 : 1}
        stroke-dasharray={a.illustrative ? '3 2' : undefined}
      >
        <title>{label}</title>
      </path>
    );
    return a.href ? (
      <a key={a.id} href={a.href} aria-label={label}>
        {shape}
      </a>
    ) : (
      <g key={a.id}>{shape}</g>
    );
  });

  const labels = showLabels
    ? areas.map((a) => {
        const [x, y] = path.centroid(a.geometry);
        if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
        return (
          <text key={a.id} x={x.toFixed(1)} y={y.toFixed(1)} class="map-label" text-anchor="middle" aria-hidden="true">
            {toPersianDigits(a.name)}
          </text>
        );
      })
    : null;

  return (
    <figure class="map">
      <figcaption>{title}</figcaption>
      <div class="map-canvas">
        <svg viewBox={`0 0 ${WIDTH} ${height}`} class="map-svg" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
          <title>{title}</title>
          <defs>
            <pattern id={hatchId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={NO_DATA_FILL} />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="1.5" />
            </pattern>
          </defs>
          <g class="map-areas">{shapes}</g>
          {labels && <g class="map-labels">{labels}</g>}
        </svg>
      </div>
      <div class="map-legend">
        <p class="map-legend-title">{legendTitle}</p>
        <ul>
          {classes.map((c, i) => (
            <li key={i}>
              <span class={`map-swatch map-swatch-${paletteIndex(i, classes.length, higherIsWorse)}`} aria-hidden="true" />
              {c.from === c.to ? format(c.from) : t('results.map.legendRange', { from: format(c.from), to: format(c.to) })}
            </li>
          ))}
          {anyMissing && (
            <li>
              <span class="map-swatch map-swatch-none" aria-hidden="true" />
              {t('results.map.noData')}
            </li>
          )}
        </ul>
      </div>
      {anyIllustrative && <p class="map-note">{t('results.map.illustrative')}</p>}
      {props.attribution && <p class="map-attribution">{isolateLatinNames(props.attribution)}</p>}
      <DataTable
        title={title}
        headers={[t('results.map.area'), legendTitle]}
        rows={areas.map((a) => ({
          head: (
            <>
              {a.href ? <a href={a.href}>{toPersianDigits(a.name)}</a> : toPersianDigits(a.name)}
              {a.illustrative && <> <span class="badge">{t('results.map.illustrativeMark')}</span></>}
            </>
          ),
          cells: [a.value === null ? t('results.map.noData') : format(a.value)],
        }))}
      />
    </figure>
  );
}

/** Latin proper names (OpenStreetMap) inside Persian text, isolated so the bidi order stays right. */
function isolateLatinNames(text: string) {
  return text.split(/([A-Za-z][A-Za-z .]*[A-Za-z])/).map((part, i) => (i % 2 === 1 ? <bdi dir="ltr">{part}</bdi> : part));
}
