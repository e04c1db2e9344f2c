import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { toPersianDigits } from '../../platform/persian/digits.ts';
import { attachBoundaries, type BoundariesReport } from './attach-boundaries.ts';

/**
 * `mahalle import boundaries FILE.geojson [--json]`: attaches real boundaries to places (see
 * attachBoundaries for the matching rules). All or nothing. Prints what was matched, or every
 * feature that could not be matched, in Persian (--json: the report as JSON). Exit code 0 when
 * the shapes were stored, 1 when nothing was (unreadable file or any problem).
 */
export async function importBoundariesCommand(ctx: AppContext, file: string, opts: { json?: boolean }): Promise<number> {
  const print = (report: BoundariesReport | { ok: false; error: string }, text: string) => {
    if (opts.json) console.log(JSON.stringify(report, null, 2));
    else (report.ok ? console.log : console.error)(text);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const error = t('results.boundaries.unreadable', { reason: (err as Error).message });
    print({ ok: false, error }, error);
    return 1;
  }
  let report: BoundariesReport;
  try {
    report = await attachBoundaries(ctx, null, { doc, source: basename(file) });
  } catch (err) {
    if (err instanceof AppError && err.fieldErrors) {
      const error = Object.values(err.fieldErrors).join('؛ ');
      print({ ok: false, error }, error);
      return 1;
    }
    throw err;
  }
  if (report.ok) {
    const lines = report.matches.map((m) => `  ${toPersianDigits(m.feature)}. ${toPersianDigits(m.placeName)} (${t(`place.kind.${m.kind}`)})`);
    print(report, [t('results.boundaries.done', { count: report.attached }), ...lines].join('\n'));
    return 0;
  }
  print(report, [t('results.boundaries.failed', { count: report.problems.length }), ...report.problems.map((p) => `  ${p.message}`)].join('\n'));
  return 1;
}
