import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3-geo';
import type { Polygon } from 'geojson';
import { render } from 'preact-render-to-string';
import { ChoroplethMap, MAP_PALETTE, mapClasses, rewindGeometry, type MapArea } from './map.tsx';

const osmFile = fileURLToPath(new URL('../../../../shared/data/places/qazvin-counties-osm.geojson', import.meta.url));
const skipOsm = !existsSync(osmFile) && 'needs ../shared/data/places/qazvin-counties-osm.geojson (absent in this clone)';

const visibleText = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

/** A small square around a point, wound counter-clockwise (the RFC 7946 way d3 reads as "the rest of the globe"). */
const square = (lon: number, lat: number, d = 0.1): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

test('rings wound the RFC 7946 way are reversed so d3 draws the shape, not the globe', () => {
  const ccw = square(50, 36);
  assert.ok(geoArea(ccw) > 2 * Math.PI, 'the test shape does fill the globe as given');
  const fixed = rewindGeometry(ccw);
  assert.ok(geoArea(fixed) < 0.001);
  assert.deepEqual(rewindGeometry(fixed), fixed, 'a shape already right is kept');
  const multi = rewindGeometry({ type: 'MultiPolygon', coordinates: [ccw.coordinates, fixed.coordinates] });
  assert.ok(geoArea(multi) < 0.001);
});

test('five equal classes over the values; one per value when there are few', () => {
  assert.deepEqual(mapClasses([]), []);
  assert.deepEqual(mapClasses([7, 7]), [{ from: 7, to: 7 }]);
  assert.deepEqual(mapClasses([1, 0, 1, 2]), [{ from: 0, to: 0 }, { from: 1, to: 1 }, { from: 2, to: 2 }], 'counts of plans: one class each');
  const c = mapClasses([0, 10, 20, 30, 40, 50]);
  assert.deepEqual(c, [{ from: 0, to: 10 }, { from: 11, to: 20 }, { from: 21, to: 30 }, { from: 31, to: 40 }, { from: 41, to: 50 }], 'whole numbers, whole boundaries');
  const f = mapClasses([0.5, 1, 1.5, 2, 2.5, 3]);
  assert.equal(f.length, 5);
  assert.equal(f[1]!.from, f[0]!.to, 'fractional classes meet');
});

test('the real OSM county file renders six linked paths in a viewBox, with no NaN', { skip: skipOsm }, () => {
  const fc = JSON.parse(readFileSync(osmFile, 'utf8')) as { features: { properties: { tags: { name: string } }; geometry: MapArea['geometry'] }[] };
  const areas: MapArea[] = fc.features.map((f, i) => ({
    id: i + 1, name: f.properties.tags.name, geometry: f.geometry, value: i === 0 ? null : i * 100, href: `/results/places/${i + 1}`, illustrative: false,
  }));
  const html = render(<ChoroplethMap title="شهرستان‌ها" legendTitle="طرح‌ها" areas={areas} attribution="© مشارکت‌کنندگان OpenStreetMap" />);
  assert.equal((html.match(/<path d="M/g) ?? []).length, 6);
  assert.doesNotMatch(html, /NaN|Infinity/);
  const vb = /viewBox="0 0 640 (\d+)"/.exec(html);
  assert.ok(vb && Number(vb[1]) > 300 && Number(vb[1]) <= 560, 'a fitted height');
  // Each path stays inside the viewBox: the shapes were drawn, not the whole globe.
  const coords = [...html.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(coords.length > 100);
  assert.ok(coords.every(([x, y]) => x! >= 0 && x! <= 640 && y! >= 0 && y! <= Number(vb![1])), 'every point inside the viewBox');
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
  assert.equal((svg.match(/<a href="\/results\/places\/\d" aria-label="[^"]+"><path/g) ?? []).length, 6, 'each area is a keyboard-focusable link');
  assert.match(html, /<title>شهرستان آبیک: بی‌داده<\/title>/);
  assert.match(html, /url\(#map-hatch-/, 'no data is hatched');
  assert.match(html, /© مشارکت‌کنندگان <bdi dir="ltr">OpenStreetMap<\/bdi>/, "the OSM credit, its Latin name isolated for bidi");
  assert.doesNotMatch(html, /شکل محله‌ها نمایشی است/, 'no illustrative caption for real shapes');
  assert.doesNotMatch(visibleText(html), /[0-9]/, 'Persian digits only in the text');
});

test('legend: one entry per class with Persian ranges, dark for worse', () => {
  const areas: MapArea[] = [0, 1, 2, 3, 4, 5].map((i) => ({ id: i, name: `محله ${i}`, geometry: square(50 + i * 0.2, 36), value: i * 10, illustrative: false }));
  const worse = render(<ChoroplethMap title="نرخ" legendTitle="درصد" areas={areas} higherIsWorse />);
  assert.equal((worse.match(/class="map-swatch map-swatch-\d"/g) ?? []).length, 5);
  assert.match(worse, /۰ تا ۱۰/);
  assert.match(worse, /۴۱ تا ۵۰/);
  // The highest value is darkest when higher is worse, lightest otherwise.
  const fillOf = (html: string, name: string) => new RegExp(`fill="(#[0-9a-f]{6})"[^>]*><title>${name}:`).exec(html)?.[1];
  assert.equal(fillOf(worse, 'محله ۵'), MAP_PALETTE[4]);
  const better = render(<ChoroplethMap title="نرخ" legendTitle="درصد" areas={areas} higherIsWorse={false} />);
  assert.equal(fillOf(better, 'محله ۵'), MAP_PALETTE[0]);
  assert.equal(fillOf(better, 'محله ۰'), MAP_PALETTE[4]);
  assert.doesNotMatch(worse, /بی‌داده/, 'no "no data" entry when every area has a value');
});

test('illustrative shapes are dashed and captioned; escaping; empty state', () => {
  const html = render(
    <ChoroplethMap
      title="محله‌ها"
      legendTitle="طرح‌ها"
      areas={[
        { id: 1, name: '<b>مینودر</b>', geometry: square(50, 36, 0.005), value: 2, illustrative: true, href: '/results/places/1' },
        { id: 2, name: 'پونک', geometry: square(50.005, 36, 0.005), value: null, illustrative: true },
      ]}
    />,
  );
  assert.match(html, /stroke-dasharray="3 2"/);
  assert.match(html, /شکل محله‌ها نمایشی است و مرز واقعی نیست/);
  assert.doesNotMatch(html, /<b>/);
  assert.match(html, /<caption>محله‌ها<\/caption>/);
  // A lone small shape is not blown up to fill the map.
  const xs = [...html.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
  assert.ok(Math.max(...xs) - Math.min(...xs) < 400, 'two half-kilometre squares take well under the width');
  const empty = render(<ChoroplethMap title="هیچ" legendTitle="طرح‌ها" areas={[]} />);
  assert.match(empty, /داده‌ای برای نمایش نیست/);
  assert.doesNotMatch(empty, /<svg/);
});
