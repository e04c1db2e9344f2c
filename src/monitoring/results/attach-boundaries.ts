import { can, type Actor } from '../../accounts/permissions.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { toPersianDigits } from '../../platform/persian/digits.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import { describeFeature, featuresOf, type BoundaryFeature } from './boundary-features.ts';
import { placesMatching, setPlaceGeometry, type MatchPlaceRow } from './results.repo.ts';

export type BoundaryMatch = { feature: number; placeId: number; placeName: string; kind: PlaceKind; by: 'code' | 'name' };
export type BoundaryProblem = { feature: number; message: string };
export type BoundariesReport = { ok: boolean; attached: number; matches: BoundaryMatch[]; problems: BoundaryProblem[] };

/** At most this many features in one file (a province's villages fit; a country's do not). */
export const MAX_BOUNDARY_FEATURES = 5000;

const label = (f: BoundaryFeature) => toPersianDigits(f.name ?? f.code ?? t('results.boundaries.unnamed', { n: f.index }));

function matchOne(f: BoundaryFeature, rows: readonly MatchPlaceRow[]): { place: MatchPlaceRow; by: 'code' | 'name' } | { problem: string } {
  if (f.code) {
    const byCode = rows.find((r) => r.code === f.code);
    if (byCode) return { place: byCode, by: 'code' };
  }
  if (!f.nameKey) {
    return { problem: f.code ? t('results.boundaries.codeUnknown', { code: toPersianDigits(f.code) }) : t('results.boundaries.noKey') };
  }
  const candidates = rows.filter((r) => r.name_key === f.nameKey && (f.kind === null || r.kind === f.kind));
  if (candidates.length === 1) return { place: candidates[0] as MatchPlaceRow, by: 'name' };
  if (candidates.length === 0) {
    return { problem: f.code ? t('results.boundaries.codeAndNameUnknown', { code: toPersianDigits(f.code) }) : t('results.boundaries.nameUnknown') };
  }
  return { problem: t('results.boundaries.ambiguous', { count: candidates.length }) };
}

/**
 * Attaches real boundaries from a GeoJSON FeatureCollection to places. Each feature is matched
 * by an SCI code property (code, sci_code, cnty_cd, county_code), else by its name without the
 * division prefix, compared with matchKey, within the kind its admin_level, place tag or prefix
 * implies. All or nothing: an unmatched or ambiguous feature, a bad shape or two features for
 * one place and nothing is written; the report lists every problem in Persian. The actor is
 * null for the command line and the demo seed; otherwise it must have 'place.manage'.
 */
export async function attachBoundaries(ctx: OpContext, actor: Actor | null, input: { doc: unknown; source: string }): Promise<BoundariesReport> {
  if (actor && !can(actor, 'place.manage')) throw new AppError('forbidden');
  const raw = featuresOf(input.doc);
  if (!raw) throw new AppError('validation', undefined, { file: t('results.boundaries.notGeojson') });
  if (raw.length === 0) throw new AppError('validation', undefined, { file: t('results.boundaries.empty') });
  if (raw.length > MAX_BOUNDARY_FEATURES) throw new AppError('validation', undefined, { file: t('results.boundaries.tooMany', { max: MAX_BOUNDARY_FEATURES }) });

  const features = raw.map((f, i) => describeFeature(f, i + 1));
  const codes = [...new Set(features.flatMap((f) => (f.code ? [f.code] : [])))];
  const keys = [...new Set(features.flatMap((f) => (f.nameKey ? [f.nameKey] : [])))];
  const rows = (await placesMatching(ctx.db, codes, keys)).map((r) => ({ ...r, id: Number(r.id) }));

  const problems: BoundaryProblem[] = [];
  const matches: BoundaryMatch[] = [];
  const claimed = new Map<number, number>();
  for (const f of features) {
    const where = t('results.boundaries.feature', { n: f.index, name: label(f) });
    if (!f.geometry) {
      problems.push({ feature: f.index, message: `${where}: ${t('results.boundaries.badGeometry')}` });
      continue;
    }
    const m = matchOne(f, rows);
    if ('problem' in m) {
      problems.push({ feature: f.index, message: `${where}: ${m.problem}` });
      continue;
    }
    const earlier = claimed.get(m.place.id);
    if (earlier !== undefined) {
      problems.push({ feature: f.index, message: `${where}: ${t('results.boundaries.duplicate', { n: earlier })}` });
      continue;
    }
    claimed.set(m.place.id, f.index);
    matches.push({ feature: f.index, placeId: m.place.id, placeName: m.place.name, kind: m.place.kind, by: m.by });
  }
  if (problems.length) return { ok: false, attached: 0, matches: [], problems };

  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const byIndex = new Map(features.map((f) => [f.index, f]));
    for (const m of matches) {
      await setPlaceGeometry(tx.db, m.placeId, JSON.stringify(byIndex.get(m.feature)?.geometry), false, now);
    }
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: 'places.boundaries_attached',
      subjectType: 'places',
      subjectId: null,
      data: { source: input.source, attached: matches.length, placeIds: matches.map((m) => m.placeId) },
    });
  });
  return { ok: true, attached: matches.length, matches, problems: [] };
}
