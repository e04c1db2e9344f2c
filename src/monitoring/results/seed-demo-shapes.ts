import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { attachBoundaries } from './attach-boundaries.ts';
import { cellCenter, hexagon, spiralCells, villageSpot, type LonLat } from './demo-shapes.ts';
import { placesForDemoShapes, placesWithShape, setPlaceGeometry, type ShapePlaceRow } from './results.repo.ts';

/** The OSM county boundaries read by the demo seed: MAHALLE_BOUNDARIES_FILE, else the shared data beside the project. */
export function demoBoundariesFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAHALLE_BOUNDARIES_FILE || resolve(process.cwd(), '../shared/data/places/qazvin-counties-osm.geojson');
}

async function readJson(file: string): Promise<unknown | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null; // absent or unreadable: the demo simply has no real county shapes
  }
}

function parseShape(text: string | null): Polygon | MultiPolygon | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as { type?: string };
    return g.type === 'Polygon' || g.type === 'MultiPolygon' ? (g as Polygon | MultiPolygon) : null;
  } catch {
    return null;
  }
}

/** The ancestor of a place with the given kind (the place itself when it has it). */
function ancestorOfKind(byId: Map<number, ShapePlaceRow>, id: number, kind: string): ShapePlaceRow | null {
  for (let p = byId.get(id), guard = 0; p && guard < 12; p = p.parent_id === null ? undefined : byId.get(p.parent_id), guard++) {
    if (p.kind === kind) return p;
  }
  return null;
}

const pointOf = (p: ShapePlaceRow | null): LonLat | null => (p && p.lat !== null && p.lon !== null ? [Number(p.lon), Number(p.lat)] : null);

/**
 * Shapes for the demo. First the real county boundaries, when the OSM file is readable and some
 * county still has no shape (through attachBoundaries, so the import rules apply; a file that
 * does not match is skipped). Then every demo neighborhood and village without a shape gets an
 * illustrative one: neighborhoods as a honeycomb around their city's point, villages as one
 * hexagon inside their county. Safe to run twice. Returns how many places got a shape.
 */
export async function seedDemoShapes(ctx: OpContext, options: { boundariesFile?: string } = {}): Promise<number> {
  let attached = 0;
  const before = await placesForDemoShapes(ctx.db);
  if (before.some((p) => p.kind === 'county' && !p.geometry)) {
    const file = options.boundariesFile ?? demoBoundariesFile();
    const doc = await readJson(file);
    if (doc) {
      try {
        const report = await attachBoundaries(ctx, null, { doc, source: basename(file) });
        attached = report.attached;
      } catch {
        // Not a boundaries file: the demo goes on without real shapes.
      }
    }
  }

  const places = attached ? await placesForDemoShapes(ctx.db) : before;
  const byId = new Map(places.map((p) => [Number(p.id), { ...p, id: Number(p.id), parent_id: p.parent_id === null ? null : Number(p.parent_id) }]));
  const homes = [...byId.values()].filter((p) => p.is_demo === 1 && (p.kind === 'neighborhood' || p.kind === 'village'));
  const done = await placesWithShape(ctx.db, homes.map((p) => p.id));

  const shapes: { id: number; geometry: Polygon }[] = [];
  // Neighborhoods: a honeycomb per city, cells given in code order so a place keeps its cell.
  const byCity = new Map<number, ShapePlaceRow[]>();
  for (const n of homes.filter((p) => p.kind === 'neighborhood')) {
    const city = ancestorOfKind(byId, n.id, 'city');
    if (city) byCity.set(city.id, [...(byCity.get(city.id) ?? []), n]);
  }
  const cityPoints: LonLat[] = [];
  for (const [cityId, list] of byCity) {
    const city = byId.get(cityId) ?? null;
    const county = city ? ancestorOfKind(byId, city.id, 'county') : null;
    const countyShape = parseShape(county?.geometry ?? null);
    const origin = pointOf(city) ?? (countyShape ? villageSpot(String(cityId), countyShape, null) : null);
    if (!origin) continue;
    cityPoints.push(origin);
    const cells = spiralCells(list.length);
    list.forEach((n, i) => {
      if (!done.has(n.id)) shapes.push({ id: n.id, geometry: hexagon(cellCenter(origin, cells[i] as [number, number])) });
    });
  }
  // Villages: one hexagon at a code-derived spot inside the county, clear of the honeycombs.
  const seats = [...byId.values()].filter((p) => p.kind === 'city');
  for (const v of homes.filter((p) => p.kind === 'village')) {
    if (done.has(v.id)) continue;
    const county = ancestorOfKind(byId, v.id, 'county');
    const seat = county ? pointOf(seats.find((c) => ancestorOfKind(byId, c.id, 'county')?.id === county.id && pointOf(c)) ?? null) : null;
    const spot = villageSpot(v.code ?? String(v.id), parseShape(county?.geometry ?? null), seat, cityPoints);
    if (spot) shapes.push({ id: v.id, geometry: hexagon(spot) });
  }

  if (shapes.length) {
    await inTransaction(ctx, async (tx) => {
      const now = tx.clock.now().toISOString();
      for (const s of shapes) await setPlaceGeometry(tx.db, s.id, JSON.stringify(s.geometry), true, now);
      await audit(tx, { actorId: null, action: 'places.demo_shapes', subjectType: 'places', subjectId: null, data: { count: shapes.length } });
    });
  }
  return attached + shapes.length;
}
