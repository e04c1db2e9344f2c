// Illustrative shapes for demo places (pure): no public neighbourhood polygons exist for Qazvin,
// so demo neighborhoods are drawn as a honeycomb of small hexagons around their city's point and
// demo villages as one hexagon at a fixed, code-derived spot inside their county. They are
// stored with geometry_illustrative = 1 and every map says so.

import { geoCentroid, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { rewindGeometry } from '../../platform/views/map.tsx';

/** Centre-to-corner size of a demo hexagon: about 600 m from one flat side to the other. */
export const HEX_RADIUS_M = 350;
const METRES_PER_DEGREE = 111_320;

export type LonLat = [number, number];

/** Moves a point by metres east and north. */
export function offset([lon, lat]: LonLat, eastM: number, northM: number): LonLat {
  const dLat = northM / METRES_PER_DEGREE;
  const dLon = eastM / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  return [round6(lon + dLon), round6(lat + dLat)];
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A pointy-topped hexagon around a point, as a closed GeoJSON polygon wound for d3-geo. */
export function hexagon(center: LonLat, radiusM = HEX_RADIUS_M): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < 6; i++) {
    const angle = (Math.PI / 180) * (60 * i - 30);
    ring.push(offset(center, radiusM * Math.cos(angle), radiusM * Math.sin(angle)));
  }
  ring.push(ring[0] as Position);
  return rewindGeometry<Polygon>({ type: 'Polygon', coordinates: [ring] });
}

const DIRECTIONS: readonly [number, number][] = [[1, 0], [1, -1], [0, -1], [-1, 0], [-1, 1], [0, 1]];

/** The first n cells of a hexagonal spiral in axial coordinates: the centre, then ring 1, ring 2, … */
export function spiralCells(n: number): [number, number][] {
  const out: [number, number][] = [];
  if (n <= 0) return out;
  out.push([0, 0]);
  for (let ring = 1; out.length < n; ring++) {
    let q = -ring;
    let r = ring; // start at direction 4 × ring
    for (const [dq, dr] of DIRECTIONS) {
      for (let step = 0; step < ring && out.length < n; step++) {
        out.push([q, r]);
        q += dq;
        r += dr;
      }
    }
  }
  return out;
}

/** The centre of an axial cell (pointy-topped hexagons of the given radius that share sides). */
export function cellCenter(origin: LonLat, [q, r]: [number, number], radiusM = HEX_RADIUS_M): LonLat {
  const east = radiusM * Math.sqrt(3) * (q + r / 2);
  const north = -radiusM * 1.5 * r;
  return offset(origin, east, north);
}

/** A small stable hash of a code, for choosing a village's spot. */
export function codeHash(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * A village's spot: from the county's centre (or seat) at a code-derived bearing and a distance
 * of 5–16 km, trying further bearings until the point is inside the county shape (when known)
 * and at least 4 km from every avoided point (city honeycombs); else the origin itself.
 */
export function villageSpot(code: string, county: Polygon | MultiPolygon | null, seat: LonLat | null, avoid: readonly LonLat[] = []): LonLat | null {
  const origin: LonLat | null = county ? (geoCentroid(county) as LonLat) : seat;
  if (!origin) return null;
  const h = codeHash(code);
  const far = (p: LonLat) => avoid.every((a) => distanceM(a, p) >= 4000);
  for (let k = 0; k < 24; k++) {
    const bearing = ((h % 360) + k * 137.508) * (Math.PI / 180);
    const dist = 5000 + ((h >>> 9) % 11) * 1000 - (k % 4) * 1000;
    const p = offset(origin, dist * Math.sin(bearing), dist * Math.cos(bearing));
    if ((!county || geoContains(county, p)) && far(p)) return p;
  }
  return [round6(origin[0]), round6(origin[1])];
}

/** Distance in metres on a local flat approximation (enough for a few kilometres). */
export function distanceM(a: LonLat, b: LonLat): number {
  const east = (b[0] - a[0]) * METRES_PER_DEGREE * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const north = (b[1] - a[1]) * METRES_PER_DEGREE;
  return Math.hypot(east, north);
}
