// Reading a GeoJSON boundaries file (pure): which place each feature names, by code or by name,
// and its geometry ready to store. OSM extracts keep their tags under properties.tags and write
// names with the division's prefix («شهرستان آبیک»); census files carry the SCI code.

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { matchKey } from '../../platform/persian/normalize.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import { rewindGeometry } from '../../platform/views/map.tsx';

/** Property names that may hold a place's SCI code, in the order they are tried. */
export const CODE_PROPERTIES = ['code', 'sci_code', 'cnty_cd', 'county_code'] as const;

/** Division prefixes written before names, and the kind each one implies. */
const NAME_PREFIXES: readonly (readonly [string, PlaceKind])[] = [
  ['شهرستان', 'county'],
  ['استان', 'province'],
  ['دهستان', 'rural_district'],
  ['بخش', 'district'],
  ['شهر', 'city'],
  ['روستای', 'village'],
  ['روستا', 'village'],
  ['محلهٔ', 'neighborhood'],
  ['محله', 'neighborhood'],
];

/** OSM admin_level in Iran: 4 province, 5 county (shahrestan), 6 district (bakhsh), 7 dehestan. */
const ADMIN_LEVEL_KIND: Readonly<Record<string, PlaceKind>> = { '4': 'province', '5': 'county', '6': 'district', '7': 'rural_district' };

/** OSM place=* values and the kind they name. */
const PLACE_TAG_KIND: Readonly<Record<string, PlaceKind>> = {
  state: 'province', province: 'province', county: 'county', district: 'district', municipality: 'county',
  city: 'city', town: 'city', village: 'village', hamlet: 'village', neighbourhood: 'neighborhood', neighborhood: 'neighborhood',
  suburb: 'neighborhood', quarter: 'neighborhood',
};

export type BoundaryFeature = {
  /** 1-based position in the file, for messages. */
  index: number;
  code: string | null;
  /** The name as written (for messages), or null. */
  name: string | null;
  /** matchKey of the name without its division prefix. */
  nameKey: string | null;
  /** The kind implied by admin_level, place=* or the prefix; null when nothing says. */
  kind: PlaceKind | null;
  /** Rewound for d3 and rounded to 5 decimals (about a metre); null when not a (Multi)Polygon. */
  geometry: Polygon | MultiPolygon | null;
};

type Props = Record<string, unknown>;

const isObject = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

/** Strips a division prefix («شهرستان », «بخش », …) and says which kind it implied. */
export function stripDivisionPrefix(name: string): { name: string; kind: PlaceKind | null } {
  const key = matchKey(name);
  for (const [prefix, kind] of NAME_PREFIXES) {
    if (key.startsWith(`${matchKey(prefix)} `)) return { name: key.slice(matchKey(prefix).length + 1).trim(), kind };
  }
  return { name: key, kind: null };
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

function cleanRing(ring: unknown): Position[] | null {
  if (!Array.isArray(ring) || ring.length < 4) return null;
  const out: Position[] = [];
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2) return null;
    const [lon, lat] = p as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return null;
    out.push([round5(lon), round5(lat)]);
  }
  return out;
}

function cleanPolygon(rings: unknown): Position[][] | null {
  if (!Array.isArray(rings) || rings.length === 0) return null;
  const out: Position[][] = [];
  for (const r of rings) {
    const ring = cleanRing(r);
    if (!ring) return null;
    out.push(ring);
  }
  return out;
}

/** A Polygon or MultiPolygon with sane coordinates, wound the way d3-geo draws it; else null. */
export function cleanGeometry(g: unknown): Polygon | MultiPolygon | null {
  if (!isObject(g)) return null;
  if (g.type === 'Polygon') {
    const coordinates = cleanPolygon(g.coordinates);
    return coordinates ? rewindGeometry<Polygon>({ type: 'Polygon', coordinates }) : null;
  }
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0) {
    const polys: Position[][][] = [];
    for (const p of g.coordinates) {
      const poly = cleanPolygon(p);
      if (!poly) return null;
      polys.push(poly);
    }
    return rewindGeometry<MultiPolygon>({ type: 'MultiPolygon', coordinates: polys });
  }
  return null;
}

/** What a feature says about the place it draws. */
export function describeFeature(feature: unknown, index: number): BoundaryFeature {
  const f = isObject(feature) ? feature : {};
  const props = isObject(f.properties) ? f.properties : {};
  const tags = isObject(props.tags) ? props.tags : {};
  const prop = (k: string) => props[k] ?? tags[k];

  let code: string | null = null;
  for (const k of CODE_PROPERTIES) {
    const v = text(prop(k));
    if (v) {
      code = toAsciiDigits(v);
      break;
    }
  }
  const name = text(props.name) ?? text(tags.name) ?? text(props['name:fa']) ?? text(tags['name:fa']);
  const stripped = name ? stripDivisionPrefix(name) : null;
  const level = text(prop('admin_level'));
  const placeTag = text(prop('place'));
  const kind = (level ? ADMIN_LEVEL_KIND[level] : undefined) ?? (placeTag ? PLACE_TAG_KIND[placeTag] : undefined) ?? stripped?.kind ?? null;
  return {
    index,
    code,
    name,
    nameKey: stripped?.name || null,
    kind,
    geometry: cleanGeometry(f.geometry),
  };
}

/** The features of a parsed GeoJSON FeatureCollection (or a lone Feature), or null when it is neither. */
export function featuresOf(doc: unknown): unknown[] | null {
  if (!isObject(doc)) return null;
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features;
  if (doc.type === 'Feature') return [doc];
  return null;
}
