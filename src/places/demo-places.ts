import type { PlaceRecord } from './parse-place-file.ts';

const rec = (
  code: string, name: string, kind: PlaceRecord['kind'], parentCode: string | null, population: number | null = null,
  lat: number | null = null, lon: number | null = null, illustrative = false,
): PlaceRecord => ({
  code, name, kind, parentCode, population, populationYear: population === null || illustrative ? null : 1395, lat, lon, source: `demo ${code}`,
});

/**
 * Qazvin province and its six counties with their SCI codes and 1395 (2016) census
 * populations, and the county seats with their SCI city codes and approximate centre points
 * (WGS84, two decimals: only to place illustrative neighborhood shapes). These are real.
 */
export const realPlaces: PlaceRecord[] = [
  rec('26', 'قزوین', 'province', null, 1_273_761),
  rec('2601', 'بوئین‌زهرا', 'county', '26', 122_994),
  rec('2602', 'تاکستان', 'county', '26', 172_636),
  rec('2603', 'قزوین', 'county', '26', 596_932),
  rec('2604', 'آبیک', 'county', '26', 94_536),
  rec('2605', 'البرز', 'county', '26', 242_865),
  rec('2606', 'آوج', 'county', '26', 43_798),
  rec('2601041537', 'بوئین‌زهرا', 'city', '2601', null, 35.77, 50.06),
  rec('2602041532', 'تاکستان', 'city', '2602', null, 36.1, 49.73),
  rec('2603051595', 'قزوین', 'city', '2603', null, 36.28, 50.01),
  rec('2604021535', 'آبیک', 'city', '2604', null, 36.04, 50.53),
  rec('2605021539', 'الوند', 'city', '2605', null, 36.19, 50.06),
  rec('2606011536', 'آوج', 'city', '2606', null, 35.58, 49.22),
];

/**
 * Illustrative neighborhoods and villages, stored with is_demo = 1 and shown with a «نمونه»
 * badge. Their codes start with 9 so they never collide with SCI codes. Their populations are
 * illustrative round figures with no census year, so the need index has something to weigh.
 */
export const demoPlaces: PlaceRecord[] = [
  rec('9260300001', 'مینودر', 'neighborhood', '2603051595', 28000, null, null, true),
  rec('9260300002', 'پونک', 'neighborhood', '2603051595', 32000, null, null, true),
  rec('9260300003', 'بلاغی', 'neighborhood', '2603051595', 21000, null, null, true),
  rec('9260300004', 'راه‌آهن', 'neighborhood', '2603051595', 17000, null, null, true),
  rec('9260300005', 'نوروزیان', 'neighborhood', '2603051595', 12000, null, null, true),
  rec('9260300006', 'شهرک بعثت', 'neighborhood', '2603051595', 9000, null, null, true),
  rec('9260200001', 'محلهٔ جنوبی تاکستان', 'neighborhood', '2602041532', 14000, null, null, true),
  rec('9260200002', 'محلهٔ شمالی تاکستان', 'neighborhood', '2602041532', 11000, null, null, true),
  rec('9260500001', 'محلهٔ مرکزی الوند', 'neighborhood', '2605021539', 15000, null, null, true),
  rec('9260100001', 'محلهٔ مرکزی بوئین‌زهرا', 'neighborhood', '2601041537', 10000, null, null, true),
  rec('9260400001', 'محلهٔ مرکزی آبیک', 'neighborhood', '2604021535', 13000, null, null, true),
  rec('9260600001', 'محلهٔ مرکزی آوج', 'neighborhood', '2606011536', 6000, null, null, true),
  rec('9260390001', 'روستای نمونهٔ الموت', 'village', '2603', 1200, null, null, true),
  rec('9260290001', 'روستای نمونهٔ اسفرورین', 'village', '2602', 2400, null, null, true),
  rec('9260190001', 'روستای نمونهٔ رامند', 'village', '2601', 1800, null, null, true),
  rec('9260690001', 'روستای نمونهٔ آبگرم', 'village', '2606', 700, null, null, true),
];
