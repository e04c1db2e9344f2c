import { parse as parseCsv } from 'csv-parse/sync';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { placeKinds, type PlaceKind } from './place-kinds.ts';

/** One place as read from a file; parents are named by code, never by name. */
export type PlaceRecord = {
  code: string;
  name: string;
  kind: PlaceKind;
  parentCode: string | null;
  population: number | null;
  populationYear: number | null;
  lat: number | null;
  lon: number | null;
  /** Row or path in the source file, for error reports. */
  source: string;
};

export type ParseProblem = { source: string; message: string };

type Raw = Record<string, unknown>;

const str = (v: unknown) => (v === undefined || v === null ? '' : toAsciiDigits(String(v)).trim());
const num = (v: unknown): number | null => {
  const s = str(v).replace(/[,٬\s]/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
};

/**
 * The Statistical Centre of Iran divisions extract (province, counties, sectors_bakhsh, cities,
 * city_districts, rural_districts_dehestan). Upstream ids link rows; they become codes here.
 */
function fromDivisions(doc: Raw): PlaceRecord[] {
  const province = doc.province as Raw;
  const list = (key: string) => (Array.isArray(doc[key]) ? (doc[key] as Raw[]) : []);
  const codeById = new Map<string, string>();
  const counties = list('counties');
  const sectors = list('sectors_bakhsh');
  const cities = list('cities');
  for (const r of [...counties, ...sectors, ...cities]) codeById.set(str(r.id), str(r.code));
  const out: PlaceRecord[] = [];
  const countyPopulation = counties.reduce((s, c) => s + (num((c.population_2016 as Raw | undefined)?.total) ?? 0), 0);
  const base = { lat: null, lon: null, population: null, populationYear: null };
  out.push({
    ...base, code: str(province.code), name: str(province.name), kind: 'province', parentCode: null,
    population: countyPopulation || null, populationYear: countyPopulation ? 1395 : null, source: 'province',
  });
  counties.forEach((c, i) => {
    const total = num((c.population_2016 as Raw | undefined)?.total);
    out.push({
      ...base, code: str(c.code), name: str(c.name), kind: 'county', parentCode: str(province.code),
      population: total, populationYear: total === null ? null : 1395, source: `counties[${i}]`,
    });
  });
  sectors.forEach((s, i) =>
    out.push({ ...base, code: str(s.code), name: str(s.name), kind: 'district', parentCode: codeById.get(str(s.county_id)) ?? null, source: `sectors_bakhsh[${i}]` }),
  );
  cities.forEach((c, i) =>
    out.push({
      ...base, code: str(c.code), name: str(c.name), kind: 'city',
      parentCode: codeById.get(str(c.sector_id)) ?? codeById.get(str(c.county_id)) ?? null,
      lat: num(c.lat), lon: num(c.lon), source: `cities[${i}]`,
    }),
  );
  list('city_districts').forEach((d, i) =>
    out.push({ ...base, code: str(d.code), name: str(d.name), kind: 'urban_district', parentCode: codeById.get(str(d.city_id)) ?? null, source: `city_districts[${i}]` }),
  );
  list('rural_districts_dehestan').forEach((d, i) =>
    out.push({
      ...base, code: str(d.code), name: str(d.name), kind: 'rural_district',
      parentCode: codeById.get(str(d.sector_id)) ?? codeById.get(str(d.county_id)) ?? null, source: `rural_districts_dehestan[${i}]`,
    }),
  );
  return out;
}

/** A flat record in the project's own format (JSON array items or CSV rows). */
function fromFlat(r: Raw, source: string): PlaceRecord {
  return {
    code: str(r.code),
    name: str(r.name),
    kind: str(r.kind) as PlaceKind,
    parentCode: str(r.parent_code) || null,
    population: num(r.population),
    populationYear: num(r.population_year),
    lat: num(r.lat),
    lon: num(r.lon),
    source,
  };
}

/** Field-level problems of one record, in Persian. */
export function checkRecord(r: PlaceRecord): string[] {
  const problems: string[] = [];
  if (!/^\d{1,12}$/.test(r.code)) problems.push('کد آمار باید عددی و حداکثر ۱۲ رقم باشد');
  if (!r.name) problems.push('نام خالی است');
  if (!(placeKinds as readonly string[]).includes(r.kind)) problems.push(`نوع «${r.kind}» شناخته‌شده نیست`);
  for (const [label, v] of [['جمعیت', r.population], ['سال جمعیت', r.populationYear]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0)) problems.push(`${label} باید عدد صحیح نامنفی باشد`);
  }
  if (r.lat !== null && (Number.isNaN(r.lat) || r.lat < -90 || r.lat > 90)) problems.push('عرض جغرافیایی نامعتبر است');
  if (r.lon !== null && (Number.isNaN(r.lon) || r.lon < -180 || r.lon > 180)) problems.push('طول جغرافیایی نامعتبر است');
  return problems;
}

/** Reads a places file (the SCI divisions JSON, a JSON array, or CSV with a header row). */
export function parsePlaceFile(text: string, fileName: string): { records: PlaceRecord[]; problems: ParseProblem[] } {
  const body = text.replace(/^\uFEFF/, '');
  let records: PlaceRecord[];
  try {
    if (/\.csv$/i.test(fileName)) {
      const rows = parseCsv(body, { columns: true, skip_empty_lines: true, trim: true }) as Raw[];
      records = rows.map((r, i) => fromFlat(r, `سطر ${i + 2}`));
    } else {
      const doc = JSON.parse(body) as unknown;
      if (Array.isArray(doc)) records = doc.map((r, i) => fromFlat(r as Raw, `مورد ${i + 1}`));
      else if (doc && typeof doc === 'object' && 'province' in doc) records = fromDivisions(doc as Raw);
      else return { records: [], problems: [{ source: fileName, message: 'ساختار پرونده شناخته نشد' }] };
    }
  } catch (err) {
    return { records: [], problems: [{ source: fileName, message: `پرونده خوانا نیست: ${(err as Error).message}` }] };
  }
  records = records.map((r) => ({ ...r, name: normalizePersian(r.name) }));
  const problems = records.flatMap((r) => checkRecord(r).map((message) => ({ source: r.source, message })));
  return { records, problems };
}
