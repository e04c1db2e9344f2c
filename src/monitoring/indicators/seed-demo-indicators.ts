import type { OpContext } from '../../context.ts';
import { inTransaction } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { t, type MessageKey } from '../../platform/i18n/t.ts';
import { matchKey, normalizePersian } from '../../platform/persian/normalize.ts';
import { placesOfKind } from '../../places/places.repo.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import type { Harm } from '../../taxonomy/codes.ts';
import type { IndicatorDirection } from '../monitoring.tables.ts';
import { findIndicatorIdByCode, insertIndicator, upsertValues } from './indicators.repo.ts';
import type { ValueRow } from './import-rows.ts';

type DemoIndicator = {
  code: string;
  name: MessageKey;
  unit: MessageKey;
  harm: Harm;
  direction: IndicatorDirection;
  level: PlaceKind;
  /** The value in 1400 at an average place, and its change per year (a plausible trend). */
  base: number;
  perYear: number;
  decimals: number;
  max?: number;
};

/** Six illustrative indicators: four gathered by county, one by neighborhood, one by village. */
export const demoIndicators: readonly DemoIndicator[] = [
  { code: 'DEMO_ADDICTION', name: 'indicators.demo.ADDICTION', unit: 'indicators.demo.unit_per_thousand', harm: 'ADDICTION', direction: 'lower_better', level: 'county', base: 14, perYear: -0.6, decimals: 1 },
  { code: 'DEMO_DIVORCE', name: 'indicators.demo.DIVORCE', unit: 'indicators.demo.unit_percent', harm: 'DIVORCE', direction: 'lower_better', level: 'county', base: 27, perYear: 0.7, decimals: 1, max: 100 },
  { code: 'DEMO_SCHOOL_DROPOUT', name: 'indicators.demo.SCHOOL_DROPOUT', unit: 'indicators.demo.unit_percent', harm: 'SCHOOL_DROPOUT', direction: 'lower_better', level: 'county', base: 9, perYear: -0.5, decimals: 1, max: 100 },
  { code: 'DEMO_YOUTH_EMPLOYMENT', name: 'indicators.demo.EMPLOYMENT', unit: 'indicators.demo.unit_percent', harm: 'POVERTY_UNEMPLOYMENT', direction: 'higher_better', level: 'county', base: 58, perYear: 0.9, decimals: 1, max: 100 },
  { code: 'DEMO_CHILD_LABOUR', name: 'indicators.demo.CHILD_LABOUR', unit: 'indicators.demo.unit_per_ten_thousand', harm: 'CHILD_LABOUR', direction: 'lower_better', level: 'neighborhood', base: 32, perYear: -1.8, decimals: 0 },
  { code: 'DEMO_FEMALE_HEADED', name: 'indicators.demo.FEMALE_HEADED_HOUSEHOLD', unit: 'indicators.demo.unit_percent', harm: 'FEMALE_HEADED_HOUSEHOLD', direction: 'lower_better', level: 'village', base: 16, perYear: -0.4, decimals: 1, max: 100 },
];

const YEARS = [1400, 1401, 1402, 1403, 1404];
const QUARTER_YEAR = 1404;

/** A small deterministic generator (mulberry32) seeded from a text, so every run gives the same values. */
function random(seedText: string): () => number {
  let a = 0;
  for (const ch of seedText) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

/** Values of one demo indicator at one place: yearly 1400–1404 and the quarters of 1404. */
export function demoValues(ind: DemoIndicator, place: { id: number; code: string }): ValueRow[] {
  const rnd = random(`${ind.code}:${place.code}`);
  // Each place sits somewhere between 0.65 and 1.35 of the average, and drifts a little on its own.
  const level = 0.65 + rnd() * 0.7;
  const drift = (rnd() - 0.5) * Math.abs(ind.perYear) * 0.8;
  const clamp = (v: number) => Math.min(ind.max ?? Infinity, Math.max(0, v));
  const out: ValueRow[] = [];
  const yearly = new Map<number, number>();
  for (const [i, year] of YEARS.entries()) {
    const v = clamp(round(ind.base * level + (ind.perYear + drift) * i + (rnd() - 0.5) * ind.base * 0.06, ind.decimals));
    yearly.set(year, v);
    out.push({ indicatorId: 0, placeId: place.id, period: String(year), periodType: 'year', year, value: v });
  }
  const y = yearly.get(QUARTER_YEAR)!;
  for (let q = 1; q <= 4; q++) {
    const v = clamp(round(y * (1 + (rnd() - 0.5) * 0.12), ind.decimals));
    out.push({ indicatorId: 0, placeId: place.id, period: `${QUARTER_YEAR}Q${q}`, periodType: 'quarter', year: QUARTER_YEAR, value: v });
  }
  return out;
}

/** Illustrative indicators and values for the demo places (is_demo = 1); safe to run twice. */
export async function seedDemoIndicators(ctx: OpContext): Promise<number> {
  const placesOf = async (db: OpContext['db'], kind: PlaceKind) =>
    (await placesOfKind(db, kind, 500)).filter((p) => p.code !== null && (kind === 'county' || p.is_demo === 1)).map((p) => ({ id: p.id, code: p.code! }));
  let created = 0;
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const codes: string[] = [];
    for (const ind of demoIndicators) {
      if ((await findIndicatorIdByCode(tx.db, ind.code)) !== null) continue;
      const name = normalizePersian(t(ind.name));
      const id = await insertIndicator(tx.db, {
        code: ind.code, name, nameKey: matchKey(name), unit: t(ind.unit), direction: ind.direction, harm: ind.harm, level: ind.level,
        source: t('indicators.demo.source'), description: t('indicators.demo.description'),
      }, now, true);
      const rows = (await placesOf(tx.db, ind.level)).flatMap((p) => demoValues(ind, p)).map((r) => ({ ...r, indicatorId: id }));
      await upsertValues(tx.db, rows, null, now);
      codes.push(ind.code);
      created++;
    }
    if (codes.length) await audit(tx, { actorId: null, action: 'indicator.demo_seeded', subjectType: 'indicator', subjectId: null, data: { codes } });
  });
  return created;
}
