import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { allowedParentKinds, type PlaceKind } from './place-kinds.ts';
import { findPlaceByCode, insertPlace, updatePlace } from './places.repo.ts';
import type { ParseProblem, PlaceRecord } from './parse-place-file.ts';

export type ImportReport = { ok: boolean; inserted: number; updated: number; problems: ParseProblem[] };

/**
 * Imports places joined on their SCI code: an existing code is updated, a new one inserted.
 * Parents are resolved by code from the file or the database. All or nothing: any problem
 * and nothing is written.
 */
export async function importPlaces(ctx: OpContext, records: PlaceRecord[], options: { actorId: number | null; isDemo?: boolean }): Promise<ImportReport> {
  const problems: ParseProblem[] = [];
  const byCode = new Map<string, PlaceRecord>();
  for (const r of records) {
    if (byCode.has(r.code)) problems.push({ source: r.source, message: `کد ${r.code} تکراری است` });
    byCode.set(r.code, r);
  }
  if (problems.length) return { ok: false, inserted: 0, updated: 0, problems };

  // Parents first, whatever order the file lists them in.
  const ordered: PlaceRecord[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: PlaceRecord) => {
    if (state.get(r.code) === 'done') return;
    if (state.get(r.code) === 'visiting') {
      problems.push({ source: r.source, message: `حلقه در سلسله‌مراتب با کد ${r.code}` });
      return;
    }
    state.set(r.code, 'visiting');
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) visit(parent);
    state.set(r.code, 'done');
    ordered.push(r);
  };
  records.forEach(visit);
  if (problems.length) return { ok: false, inserted: 0, updated: 0, problems };

  try {
    return await inTransaction(ctx, async (tx) => {
      const now = tx.clock.now().toISOString();
      const ids = new Map<string, { id: number; kind: PlaceKind }>();
      let inserted = 0;
      let updated = 0;
      for (const r of ordered) {
        let parent: { id: number; kind: PlaceKind } | null = null;
        if (r.parentCode) {
          parent = ids.get(r.parentCode) ?? (await findPlaceByCode(tx.db, r.parentCode)) ?? null;
          if (!parent) {
            problems.push({ source: r.source, message: `والد با کد ${r.parentCode} پیدا نشد` });
            continue;
          }
        }
        if (!allowedParentKinds[r.kind].includes(parent ? parent.kind : null)) {
          problems.push({ source: r.source, message: `«${r.kind}» نمی‌تواند زیر «${parent?.kind ?? 'هیچ'}» باشد` });
          continue;
        }
        const write = {
          parentId: parent?.id ?? null, kind: r.kind, code: r.code, name: r.name, nameKey: matchKey(r.name), sortKey: persianSortKey(r.name),
          population: r.population, populationYear: r.populationYear, lat: r.lat, lon: r.lon, isDemo: options.isDemo ?? false,
        };
        const existing = await findPlaceByCode(tx.db, r.code);
        if (existing) {
          // Keep figures the file does not carry rather than erasing them.
          await updatePlace(tx.db, existing.id, {
            ...write,
            population: write.population ?? existing.population,
            populationYear: write.population === null ? existing.population_year : write.populationYear,
          }, now);
          ids.set(r.code, { id: existing.id, kind: r.kind });
          updated++;
        } else {
          ids.set(r.code, { id: await insertPlace(tx.db, write, now), kind: r.kind });
          inserted++;
        }
      }
      if (problems.length) throw new ImportAborted();
      await audit(tx, { actorId: options.actorId, action: 'places.imported', subjectType: 'places', subjectId: null, data: { inserted, updated } });
      return { ok: true, inserted, updated, problems: [] };
    });
  } catch (err) {
    if (err instanceof ImportAborted) return { ok: false, inserted: 0, updated: 0, problems };
    throw err;
  }
}

class ImportAborted extends Error {}
