import type { AppContext, OpContext } from '../../context.ts';
import { inTransaction } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { readUpload, uploadRoot } from '../../platform/files/store-upload.ts';
import { hasMessage, t } from '../../platform/i18n/t.ts';
import type { JobHandler } from '../../platform/jobs/worker.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import type { DataImportStatus } from '../monitoring.tables.ts';
import {
  catalogueValidator, detectHeader, errorCollector, headerError, MAX_KEPT_ERRORS, tooManyError, valuesValidator,
  type ImportError, type ImportKind, type ValueLookups,
} from './import-rows.ts';
import {
  claimDataImport, findDataImport, indicatorsByCodes, placesByCodes, refreshValueStatistics, updateDataImport, upsertIndicators, upsertValues,
} from './indicators.repo.ts';
import { MAX_IMPORT_ROWS, readImportFile } from './read-import-file.ts';

/** The job that runs an uploaded import: payload { importId }. */
export const INDICATOR_IMPORT_JOB = 'indicators.import';
/** How often (in rows) validation writes its progress where a browser can see it. */
export const PROGRESS_EVERY = 1000;

export type ImportPhase = 'validating' | 'importing';
export type ImportProgress = { phase: ImportPhase; processed: number; total: number };

export type ImportReport = {
  importId: number;
  status: Extract<DataImportStatus, 'done' | 'rejected' | 'failed'>;
  kind: ImportKind | null;
  totalRows: number;
  importedRows: number;
  /** Catalogue imports: indicators added and updated. */
  inserted: number;
  updated: number;
  errorCount: number;
  /** At most MAX_KEPT_ERRORS, in row order. */
  errors: ImportError[];
};

const codeOf = (raw: string) => toAsciiDigits(raw.normalize('NFKC')).replace(/[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\s]/g, '');

const kindLabel = (kind: string) => {
  const key = `place.kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
};

/**
 * Runs one import from its bytes: validating (every row checked, progress written every
 * PROGRESS_EVERY rows outside any transaction so a browser can watch) → importing (every row
 * written in ONE transaction) → done; or rejected with a report of every bad row when even one
 * is bad, and nothing is written; or failed on an unexpected error, again with nothing written.
 * Running it again on an import that is already finished does nothing and reports its state.
 */
export async function runIndicatorImport(
  ctx: OpContext,
  importId: number,
  bytes: Buffer,
  options: { onProgress?: (p: ImportProgress) => void | Promise<void>; maxRows?: number; progressEvery?: number } = {},
): Promise<ImportReport> {
  const every = options.progressEvery ?? PROGRESS_EVERY;
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const report: ImportReport = { importId, status: 'failed', kind: null, totalRows: 0, importedRows: 0, inserted: 0, updated: 0, errorCount: 0, errors: [] };
  if (!(await claimDataImport(ctx.db, importId, ['queued', 'validating', 'importing'], 'validating'))) {
    const row = await findDataImport(ctx.db, importId);
    if (!row) throw new Error(`no import ${importId}`);
    return {
      ...report, status: row.status === 'done' || row.status === 'rejected' ? row.status : 'failed',
      kind: row.kind === 'indicator_values' ? 'values' : row.kind === 'indicator_catalogue' ? 'catalogue' : null,
      totalRows: row.total_rows, importedRows: row.imported_rows, errorCount: row.error_count, errors: row.errors,
    };
  }

  const finish = async (status: ImportReport['status'], action: string, data: Record<string, unknown>) => {
    report.status = status;
    await inTransaction(ctx, async (tx) => {
      await updateDataImport(tx.db, importId, {
        status, error_count: report.errorCount, errors: report.errors, imported_rows: report.importedRows,
        processed_rows: report.totalRows, finished_at: tx.clock.now().toISOString(),
      });
      await audit(tx, { actorId: null, action, subjectType: 'data_import', subjectId: importId, data: { kind: report.kind, totalRows: report.totalRows, ...data } });
    });
    return report;
  };
  const reject = (errors: ImportError[], count: number) => {
    report.errors = errors;
    report.errorCount = count;
    return finish('rejected', 'indicator_import.rejected', { errorCount: count });
  };

  try {
    const table = await readImportFile(bytes, maxRows);
    if (!table.ok) return await reject([{ row: 0, field: 'file', message: table.message }], 1);
    const header = detectHeader(table.header);
    if (!header) return await reject([headerError()], 1);
    report.kind = header.kind;
    report.totalRows = table.rows.length;
    await updateDataImport(ctx.db, importId, { kind: header.kind === 'values' ? 'indicator_values' : 'indicator_catalogue', total_rows: table.rows.length });

    const errors = errorCollector(MAX_KEPT_ERRORS);
    let validator: ReturnType<typeof valuesValidator> | ReturnType<typeof catalogueValidator>;
    if (header.kind === 'values') {
      // Only the codes the file names are looked up, in batches.
      const indicatorCodes = new Set<string>();
      const placeCodes = new Set<string>();
      for (const r of table.rows) {
        indicatorCodes.add(codeOf(r.cells[header.index.indicator] ?? '').toUpperCase());
        placeCodes.add(codeOf(r.cells[header.index.place] ?? ''));
      }
      indicatorCodes.delete('');
      placeCodes.delete('');
      const lookups: ValueLookups = {
        indicators: new Map((await indicatorsByCodes(ctx.db, [...indicatorCodes])).map((i) => [i.code, i])),
        places: new Map((await placesByCodes(ctx.db, [...placeCodes])).map((p) => [p.code, p])),
        kindLabel,
      };
      validator = valuesValidator(header.index, lookups, errors);
    } else {
      validator = catalogueValidator(header.index, errors);
    }

    const total = table.rows.length;
    await options.onProgress?.({ phase: 'validating', processed: 0, total });
    for (let i = 0; i < total; i++) {
      const r = table.rows[i]!;
      validator.add(r.row, r.cells);
      if ((i + 1) % every === 0 && i + 1 < total) {
        await updateDataImport(ctx.db, importId, { processed_rows: i + 1 });
        await options.onProgress?.({ phase: 'validating', processed: i + 1, total });
      }
    }
    if (table.tooMany) errors.add(tooManyError(maxRows));
    await options.onProgress?.({ phase: 'validating', processed: total, total });
    if (errors.count > 0) return await reject(errors.kept, errors.count);

    await updateDataImport(ctx.db, importId, { status: 'importing', processed_rows: total });
    await options.onProgress?.({ phase: 'importing', processed: 0, total });
    await inTransaction(ctx, async (tx) => {
      const now = tx.clock.now().toISOString();
      if (header.kind === 'values') {
        report.importedRows = await upsertValues(tx.db, (validator as ReturnType<typeof valuesValidator>).rows, importId, now, (written) =>
          options.onProgress?.({ phase: 'importing', processed: written, total }),
        );
      } else {
        const rows = (validator as ReturnType<typeof catalogueValidator>).rows;
        const r = await upsertIndicators(tx.db, rows, now);
        report.importedRows = rows.length;
        report.inserted = r.inserted;
        report.updated = r.updated;
        await options.onProgress?.({ phase: 'importing', processed: rows.length, total });
      }
      report.status = 'done';
      await updateDataImport(tx.db, importId, { status: 'done', imported_rows: report.importedRows, processed_rows: total, error_count: 0, errors: [], finished_at: now });
      await audit(tx, {
        actorId: null, action: 'indicator_import.done', subjectType: 'data_import', subjectId: importId,
        data: { kind: report.kind, totalRows: total, importedRows: report.importedRows, inserted: report.inserted, updated: report.updated },
      });
    });
    // PostgreSQL plans the dashboard's per-place lookups badly until it has statistics of a big import.
    if (header.kind === 'values' && ctx.dialect === 'postgres') await refreshValueStatistics(ctx.db);
    return report;
  } catch (err) {
    // Nothing was written: the write is one transaction and it rolled back.
    report.status = 'failed';
    report.importedRows = 0;
    report.errors = [{ row: 0, field: 'file', message: t('indicators.import.error.failed') }];
    report.errorCount = 1;
    try {
      await finish('failed', 'indicator_import.failed', { error: err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300) });
    } catch {
      // The database itself is gone; the caller sees the report and the job log the cause.
    }
    throw err;
  }
}

/** The job: reads the stored upload and runs its import; an import already finished is left alone. */
export function indicatorImportJobHandler(ctx: AppContext): JobHandler {
  return async (payload) => {
    const importId = Number((payload as { importId?: unknown })?.importId);
    if (!Number.isSafeInteger(importId)) return;
    const row = await findDataImport(ctx.db, importId);
    if (!row || !['queued', 'validating', 'importing'].includes(row.status)) return;
    const bytes = row.storage_key ? await readUpload(uploadRoot(ctx.config), row.storage_key) : null;
    if (!bytes) {
      await inTransaction(ctx, async (tx) => {
        await updateDataImport(tx.db, importId, {
          status: 'failed', error_count: 1, errors: [{ row: 0, field: 'file', message: t('indicators.import.error.file_gone') }], finished_at: tx.clock.now().toISOString(),
        });
        await audit(tx, { actorId: null, action: 'indicator_import.failed', subjectType: 'data_import', subjectId: importId, data: { error: 'file gone' } });
      });
      return;
    }
    try {
      await runIndicatorImport(ctx, importId, bytes);
    } catch (err) {
      // Recorded as failed on the import itself; retrying the same file would fail the same way.
      ctx.log.error({ err, importId }, 'indicator import failed');
    }
  };
}
