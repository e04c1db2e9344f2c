import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';
import { AppError } from '../../platform/http/errors.ts';
import { demoPlaces, realPlaces } from '../../places/demo-places.ts';
import { importPlaces } from '../../places/import-places.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { attachBoundaries } from './attach-boundaries.ts';
import { importBoundariesCommand } from './boundaries-cli.ts';
import { describeFeature, stripDivisionPrefix } from './boundary-features.ts';
import { seedDemoShapes } from './seed-demo-shapes.ts';

const dataDir = fileURLToPath(new URL('../../../../shared/data/places/', import.meta.url));
const osmFile = join(dataDir, 'qazvin-counties-osm.geojson');
const censusFile = join(dataDir, 'qazvin-counties-2016census.geojson');
const skipOsm = !existsSync(osmFile) && 'needs ../shared/data/places/qazvin-counties-osm.geojson (absent in this clone)';
const skipCensus = !existsSync(censusFile) && 'needs ../shared/data/places/qazvin-counties-2016census.geojson (absent in this clone)';

let h: Harness;
const admin = { id: 1, roles: ['admin'] as const };

type ShapeRow = { code: string | null; kind: string; geometry: string | null; geometry_illustrative: number; is_demo: number; parent_id: number | null; id: number };
async function shapes(): Promise<Map<string, ShapeRow>> {
  const rows = await h.ctx.db.selectFrom('places').select(['id', 'code', 'kind', 'geometry', 'geometry_illustrative', 'is_demo', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.code ?? String(r.id), { ...r, id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id) } as ShapeRow]));
}

const square = (lon: number, lat: number, d = 0.1): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const feature = (properties: Record<string, unknown>, geometry: unknown = square(50, 36)) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

before(async () => {
  h = await createHarness();
  assert.equal((await importPlaces(h.ctx, realPlaces, { actorId: null })).ok, true);
  assert.equal((await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true })).ok, true);
});
after(() => h.close());

describe('reading features', () => {
  test('names lose their division prefix; kinds come from admin_level, place or the prefix', () => {
    assert.deepEqual(stripDivisionPrefix('شهرستان بوئین زهرا'), { name: 'بوئین زهرا', kind: 'county' });
    assert.deepEqual(stripDivisionPrefix('بخش مرکزی'), { name: 'مرکزی', kind: 'district' });
    assert.deepEqual(stripDivisionPrefix('شهرک بعثت'), { name: 'شهرک بعثت', kind: null }, 'only a whole prefix word');
    const osm = describeFeature(feature({ tags: { name: 'شهرستان آبيك', admin_level: '5' } }), 1);
    assert.equal(osm.nameKey, 'آبیک', 'Arabic yeh and kaf folded');
    assert.equal(osm.kind, 'county');
    assert.equal(describeFeature(feature({ cnty_cd: 2604 }), 2).code, '2604');
    assert.equal(describeFeature(feature({ code: '۲۶۰۴' }), 3).code, '2604', 'Persian digits in a code');
    assert.equal(describeFeature(feature({ name: 'x' }, { type: 'Point', coordinates: [50, 36] }), 4).geometry, null);
    const g = describeFeature(feature({ name: 'x' }, square(50, 36)), 5).geometry;
    assert.ok(g && geoArea(g) < 0.01, 'stored wound for d3');
  });
});

describe('attaching boundaries', () => {
  test('an unmatched feature: nothing is written and every problem is reported in Persian', async () => {
    const before = await shapes();
    const report = await attachBoundaries(h.ctx, admin, {
      source: 'test',
      doc: collection(
        feature({ code: '2601' }),
        feature({ name: 'شهرستان ناکجاآباد', admin_level: '5' }),
        feature({ code: '2999' }),
        feature({ code: '2602' }, { type: 'LineString', coordinates: [[50, 36], [51, 36]] }),
      ),
    });
    assert.equal(report.ok, false);
    assert.equal(report.attached, 0);
    assert.deepEqual(report.problems.map((p) => p.feature), [2, 3, 4]);
    assert.match(report.problems[0]!.message, /عارضهٔ ۲ \(«شهرستان ناکجاآباد»\): نامش با هیچ مکانی جور نشد/);
    assert.match(report.problems[1]!.message, /مکانی با کد ۲۹۹۹ نیست/);
    assert.match(report.problems[2]!.message, /چندضلعی معتبر نیست/);
    assert.deepEqual(await shapes(), before, 'all or nothing: the matched county kept no shape');
  });

  test('an ambiguous name is an error; the kind an OSM level names settles it', async () => {
    const ambiguous = await attachBoundaries(h.ctx, admin, { source: 'test', doc: collection(feature({ name: 'قزوین' })) });
    assert.equal(ambiguous.ok, false);
    assert.match(ambiguous.problems[0]!.message, /نامش با ۳ مکان جور است/);
    const settled = await attachBoundaries(h.ctx, admin, { source: 'test', doc: collection(feature({ tags: { name: 'قزوین', admin_level: '5' } })) });
    assert.equal(settled.ok, true);
    assert.equal(settled.matches[0]?.placeId, (await shapes()).get('2603')?.id, 'admin_level 5: the county');
    const twice = await attachBoundaries(h.ctx, admin, { source: 'test', doc: collection(feature({ code: '2606' }), feature({ name: 'شهرستان آوج' })) });
    assert.match(twice.problems[0]?.message ?? '', /همان مکان عارضهٔ ۱ است/);
    assert.equal(twice.ok, false);
  });

  test('bad input and a person without place.manage are refused', async () => {
    await assert.rejects(attachBoundaries(h.ctx, admin, { source: 'x', doc: { type: 'Topology' } }), (e: unknown) => e instanceof AppError && e.code === 'validation' && /GeoJSON/.test(e.fieldErrors?.file ?? ''));
    await assert.rejects(attachBoundaries(h.ctx, { id: 2, roles: ['secretary'] }, { source: 'x', doc: collection() }), (e: unknown) => e instanceof AppError && e.code === 'forbidden');
  });

  test('the 2016 census file: all six counties matched by cnty_cd', { skip: skipCensus }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mahalle-boundaries-'));
    try {
      const log = console.log;
      let printed = '';
      console.log = (s: string) => { printed += s; };
      let code: number;
      try {
        code = await importBoundariesCommand(h.ctx, censusFile, { json: true });
      } finally {
        console.log = log;
      }
      assert.equal(code, 0);
      const report = JSON.parse(printed) as { ok: boolean; matches: { by: string; placeId: number }[] };
      assert.equal(report.ok, true);
      assert.equal(report.matches.length, 6);
      assert.ok(report.matches.every((m) => m.by === 'code'));

      // The command line: a file that does not match exits 1 and changes nothing.
      const bad = join(dir, 'bad.geojson');
      writeFileSync(bad, JSON.stringify(collection(feature({ name: 'جای ناشناخته' }))));
      const err = console.error;
      console.error = () => {};
      try {
        assert.equal(await importBoundariesCommand(h.ctx, bad, {}), 1);
        assert.equal(await importBoundariesCommand(h.ctx, join(dir, 'missing.geojson'), {}), 1);
      } finally {
        console.error = err;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the OSM county file: all six counties matched by name, stored real and drawable', { skip: skipOsm }, async () => {
    const { readFileSync } = await import('node:fs');
    const report = await attachBoundaries(h.ctx, admin, { source: 'qazvin-counties-osm.geojson', doc: JSON.parse(readFileSync(osmFile, 'utf8')) });
    assert.deepEqual(report.problems, []);
    assert.equal(report.attached, 6);
    assert.ok(report.matches.every((m) => m.by === 'name' && m.kind === 'county'));
    const rows = await shapes();
    for (const code of ['2601', '2602', '2603', '2604', '2605', '2606']) {
      const row = rows.get(code)!;
      assert.equal(row.geometry_illustrative, 0);
      const g = JSON.parse(row.geometry!) as MultiPolygon;
      assert.equal(g.type, 'MultiPolygon');
      assert.ok(geoArea(g) < 0.001, `${code} is wound for d3 (not the whole globe)`);
    }
    // The county seats' points lie inside their own county.
    for (const [city, county] of [['2603051595', '2603'], ['2602041532', '2602'], ['2606011536', '2606'], ['2604021535', '2604']] as const) {
      const seat = realPlaces.find((p) => p.code === city)!;
      assert.ok(geoContains(JSON.parse(rows.get(county)!.geometry!) as MultiPolygon, [seat.lon!, seat.lat!]), city);
    }
    const audit = await h.ctx.db.selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'places.boundaries_attached').execute();
    assert.ok(audit.length >= 1);
  });
});

describe('demo shapes', () => {
  test('every demo neighborhood and village gets an illustrative polygon; a second run changes nothing', async () => {
    const file = existsSync(osmFile) ? osmFile : join(tmpdir(), 'no-such-boundaries.geojson');
    const first = await seedDemoShapes(h.ctx, { boundariesFile: file });
    assert.ok(first >= demoPlaces.length);
    const rows = await shapes();
    for (const p of demoPlaces) {
      const row = rows.get(p.code)!;
      assert.equal(row.geometry_illustrative, 1, p.code);
      const g = JSON.parse(row.geometry!) as Polygon;
      assert.equal(g.type, 'Polygon');
      assert.equal(g.coordinates[0]!.length, 7, 'a closed hexagon');
      assert.ok(geoArea(g) < 1e-6, 'small and wound for d3');
    }
    // Qazvin's six demo neighborhoods tile around the city: distinct cells near its point.
    const qazvin = demoPlaces.filter((p) => p.parentCode === '2603051595').map((p) => JSON.stringify(rows.get(p.code)!.geometry));
    assert.equal(new Set(qazvin).size, 6);
    if (existsSync(osmFile)) {
      const county = JSON.parse(rows.get('2603')!.geometry!) as MultiPolygon;
      const village = JSON.parse(rows.get('9260390001')!.geometry!) as Polygon;
      assert.ok(geoContains(county, village.coordinates[0]![0] as [number, number]), 'a village lies inside its county');
    }
    assert.equal(await seedDemoShapes(h.ctx, { boundariesFile: file }), 0);
    assert.deepEqual(await shapes(), rows);
  });
});
