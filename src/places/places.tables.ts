import type { Generated } from 'kysely';
import type { PlaceKind } from './place-kinds.ts';

export interface PlacesTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: PlaceKind;
  code: string | null;
  name: string;
  /** matchKey(name): names are compared and searched through it, never raw. */
  name_key: string;
  /** persianSortKey(name): lists are ordered by it so SQL pagination follows Persian order. */
  sort_key: string;
  population: number | null;
  population_year: number | null;
  lat: number | null;
  lon: number | null;
  /** GeoJSON geometry as text. */
  geometry: string | null;
  /** 1 when the geometry was generated for a demo place (drawn, but labelled illustrative). */
  geometry_illustrative: Generated<0 | 1>;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface PlacesTables {
  places: PlacesTable;
}
