import { inTransaction, type OpContext } from '../../context.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { audit } from '../../platform/audit/audit.ts';
import { cleanFileName, removeUpload, sniffDocumentType, storeUpload } from '../../platform/files/store-upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/plugins.ts';
import { t } from '../../platform/i18n/t.ts';
import { isEditableReport } from './report-lifecycle.ts';
import { countReportFiles, findReport, insertReportFile } from './reports.repo.ts';

export const MAX_FILES_PER_REPORT = 20;

/**
 * Attaches a photo or document (JPEG, PNG, PDF, judged from the bytes, never the name) to a
 * report the agency may still edit. Stored outside the web root under a random name with its
 * SHA-256; the original name is kept only for showing and downloading.
 */
export async function uploadReportFile(
  ctx: OpContext,
  actor: Actor,
  reportId: number,
  file: { bytes: Buffer | null; fileName: string | undefined; root: string },
): Promise<{ id: number; fileName: string }> {
  const report = await findReport(ctx.db, reportId);
  if (!report) throw notFound();
  if (!can(actor, 'report.file', { agencyId: report.agencyId })) throw new AppError('forbidden');
  if (!isEditableReport(report.status)) throw new AppError('conflict', t('reports.error.not_editable'));
  const bytes = file.bytes;
  if (!bytes || bytes.length === 0) throw new AppError('validation', undefined, { file: t('reports.error.file_required') });
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large');
  const mime = sniffDocumentType(bytes);
  if (!mime) throw new AppError('unsupported_media_type', undefined, { file: t('reports.error.file_type') });
  if ((await countReportFiles(ctx.db, reportId)) >= MAX_FILES_PER_REPORT) throw new AppError('validation', undefined, { file: t('reports.error.too_many_files') });
  const fileName = cleanFileName(file.fileName, t('reports.file.default_name'));
  const stored = await storeUpload(file.root, `reports/${reportId}`, bytes);
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const id = await insertReportFile(tx.db, {
        reportId, fileName, mime, sizeBytes: stored.size, sha256: stored.sha256, storageKey: stored.key, uploadedBy: actor.id, now: tx.clock.now().toISOString(),
      });
      await audit(tx, { actorId: actor.id, action: 'progress_report.file_added', subjectType: 'progress_report', subjectId: reportId, data: { fileId: id, mime, size: stored.size, sha256: stored.sha256 } });
      return id;
    });
    return { id, fileName };
  } catch (err) {
    await removeUpload(file.root, stored.key);
    throw err;
  }
}
