import { can, type Actor } from '../../accounts/permissions.ts';
import type { Config } from '../../config.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { cleanFileName, storeUpload, uploadRoot } from '../../platform/files/store-upload.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { enqueueJob } from '../../platform/jobs/worker.ts';
import { insertDataImport } from './indicators.repo.ts';
import { sniffFormat } from './read-import-file.ts';
import { INDICATOR_IMPORT_JOB } from './run-indicator-import.ts';

/** The largest file the upload form takes (the command line has no cap but the row cap). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The secretariat uploads a CSV or XLSX file of indicator values or catalogue rows: the bytes are
 * judged (an XLSX zip or UTF-8 text, nothing else), stored, and an import is recorded and queued
 * in one transaction; the job validates and applies it (run-indicator-import.ts).
 */
export async function startIndicatorImport(
  ctx: OpContext & { config: Pick<Config, 'DATABASE_URL'> },
  actor: Actor,
  file: { name: string | undefined; bytes: Buffer | null },
): Promise<{ id: number }> {
  if (!can(actor, 'indicator.manage')) throw new AppError('forbidden');
  const bytes = file.bytes;
  if (!bytes || bytes.length === 0) throw new AppError('validation', undefined, { file: t('indicators.import.error.no_file') });
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('validation', undefined, { file: t('indicators.import.error.too_big', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) });
  const format = sniffFormat(bytes);
  if (!format) throw new AppError('validation', undefined, { file: t('indicators.import.error.format') });
  const fileName = cleanFileName(file.name, format === 'xlsx' ? 'indicators.xlsx' : 'indicators.csv');
  const stored = await storeUpload(uploadRoot(ctx.config), 'indicator-imports', bytes);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const id = await insertDataImport(tx.db, { kind: 'indicators', fileName, storageKey: stored.key, createdBy: actor.id, now });
    await enqueueJob(tx.db, tx.clock, INDICATOR_IMPORT_JOB, { importId: id }, { maxAttempts: 2 });
    await audit(tx, { actorId: actor.id, action: 'indicator_import.created', subjectType: 'data_import', subjectId: id, data: { fileName, format, bytes: bytes.length, sha256: stored.sha256 } });
    return { id };
  });
}
