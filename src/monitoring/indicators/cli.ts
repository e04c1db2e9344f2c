import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { OpContext } from '../../context.ts';
import { inTransaction } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { cleanFileName } from '../../platform/files/store-upload.ts';
import { t } from '../../platform/i18n/t.ts';
import { formatNumber } from '../../platform/persian/money.ts';
import { insertDataImport } from './indicators.repo.ts';
import { columnLabel } from './load-indicator-pages.ts';
import { runIndicatorImport, type ImportProgress, type ImportReport } from './run-indicator-import.ts';
import type { ImportError } from './import-rows.ts';

/** How many bad rows the command prints before summing up the rest (the --json report has them all, up to the cap). */
const PRINTED_ERRORS = 200;

type Streams = { out: (line: string) => void; err: NodeJS.WritableStream & { isTTY?: boolean } };

/** «ردیف ۱۲، ستون دوره: …», or «پرونده: …» for a problem of the whole file. */
export function errorLine(e: ImportError): string {
  return e.row > 0
    ? t('indicators.cli.row_error', { row: e.row, column: columnLabel(e.field), message: e.message })
    : t('indicators.cli.file_error', { message: e.message });
}

/** Progress on stderr: a bar on a terminal, otherwise one line per tenth of the way. */
function progressReporter(err: Streams['err']) {
  const phaseLabel = (p: ImportProgress['phase']) => t(p === 'validating' ? 'indicators.cli.validating' : 'indicators.cli.importing');
  if (err.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let phase: string | null = null;
    return {
      update(p: ImportProgress) {
        if (phase !== p.phase) {
          bar?.stop();
          phase = p.phase;
          bar = new cliProgress.SingleBar(
            { stream: err, format: `${phaseLabel(p.phase)} [{bar}] {percentage}% {value}/{total}`, hideCursor: true, clearOnComplete: false },
            cliProgress.Presets.shades_classic,
          );
          bar.start(Math.max(p.total, 1), 0);
        }
        bar?.update(Math.min(p.processed, Math.max(p.total, 1)));
      },
      stop: () => bar?.stop(),
    };
  }
  let last = { phase: '', tenth: -1 };
  return {
    update(p: ImportProgress) {
      const tenth = p.total === 0 ? 10 : Math.floor((p.processed / p.total) * 10);
      if (p.phase === last.phase && tenth === last.tenth) return;
      last = { phase: p.phase, tenth };
      err.write(`${t('indicators.cli.progress', { phase: phaseLabel(p.phase), percent: tenth * 10, processed: formatNumber(p.processed), total: formatNumber(p.total) })}\n`);
    },
    stop: () => {},
  };
}

/**
 * `mahalle import indicators FILE`: CSV or XLSX, validated whole, all or nothing, with a progress
 * bar. Exit 0 when imported; 1 when rejected (every bad row printed) or failed, nothing stored;
 * 2 when the file cannot be read. The import is recorded like an upload (no person: the command line).
 */
export async function importIndicatorsCommand(
  ctx: OpContext,
  file: string,
  opts: { json?: boolean },
  streams: Streams = { out: (line) => console.log(line), err: process.stderr },
): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    streams.err.write(`${t('indicators.cli.no_file', { file })}\n`);
    return 2;
  }
  const fileName = cleanFileName(basename(file), 'indicators.csv');
  const importId = await inTransaction(ctx, async (tx) => {
    const id = await insertDataImport(tx.db, { kind: 'indicators', fileName, storageKey: null, createdBy: null, now: tx.clock.now().toISOString() });
    await audit(tx, { actorId: null, action: 'indicator_import.created', subjectType: 'data_import', subjectId: id, data: { fileName, bytes: bytes.length, by: 'cli' } });
    return id;
  });
  const progress = progressReporter(streams.err);
  let report: ImportReport;
  try {
    report = await runIndicatorImport(ctx, importId, bytes, { onProgress: (p) => progress.update(p) });
  } catch (err) {
    progress.stop();
    streams.err.write(`${t('indicators.cli.failed')}\n${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  progress.stop();

  if (opts.json) {
    streams.out(JSON.stringify(report, null, 2));
  } else if (report.status === 'done') {
    streams.out(report.kind === 'catalogue'
      ? t('indicators.cli.done_catalogue', { inserted: report.inserted, updated: report.updated })
      : t('indicators.cli.done_values', { count: report.importedRows, total: report.totalRows }));
  } else {
    streams.out(t('indicators.cli.rejected', { count: report.errorCount }));
    for (const e of report.errors.slice(0, PRINTED_ERRORS)) streams.out(errorLine(e));
    if (report.errorCount > PRINTED_ERRORS) streams.out(t('indicators.cli.more', { count: report.errorCount - PRINTED_ERRORS }));
  }
  return report.status === 'done' ? 0 : 1;
}
