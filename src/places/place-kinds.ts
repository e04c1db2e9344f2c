/** Administrative levels, from province down to neighborhood and village. */
export const placeKinds = [
  'province',
  'county',
  'district',
  'city',
  'urban_district',
  'rural_district',
  'village',
  'neighborhood',
] as const;

export type PlaceKind = (typeof placeKinds)[number];

/** Which kinds may sit directly under which: the hierarchy of DESIGN.md plus SCI's urban districts. */
export const allowedParentKinds: Record<PlaceKind, readonly (PlaceKind | null)[]> = {
  province: [null],
  county: ['province'],
  district: ['county'],
  city: ['district', 'county'],
  urban_district: ['city'],
  rural_district: ['district', 'county'],
  village: ['rural_district', 'district', 'county'],
  neighborhood: ['city', 'urban_district'],
};

/** Places a resident can call home. */
export const homeKinds: readonly PlaceKind[] = ['neighborhood', 'village'];
