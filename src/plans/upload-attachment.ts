import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { cleanFileName, removeUpload, sniffDocumentType, storeUpload } from '../platform/files/store-upload.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { editableStatuses } from './plan-lifecycle.ts';
import { findPlan, insertAttachment, listAttachments } from './plans.repo.ts';

export const MAX_ATTACHMENTS_PER_PLAN = 20;

/**
 * Attaches a document to a draft plan. The type is judged from the bytes (PDF, JPEG or PNG),
 * never from the name; the file is stored outside the web root under a random name with its
 * SHA-256, and the original name is kept only for showing and downloading.
 */
export async function uploadAttachment(
  ctx: OpContext,
  actor: Actor,
  planId: number,
  file: { bytes: Buffer | null; fileName: string | undefined; root: string },
): Promise<{ id: number; fileName: string }> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'plan.edit', { agencyId: plan.agency_id, status: plan.status })) throw new AppError('forbidden');
  if (!editableStatuses.includes(plan.status)) throw new AppError('conflict', t('plan.not_editable'));
  const bytes = file.bytes;
  if (!bytes || bytes.length === 0) throw new AppError('validation', undefined, { file: t('planForm.file_required') });
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large');
  const mime = sniffDocumentType(bytes);
  if (!mime) throw new AppError('unsupported_media_type', undefined, { file: t('planForm.file_type') });
  if ((await listAttachments(ctx.db, planId)).length >= MAX_ATTACHMENTS_PER_PLAN) {
    throw new AppError('validation', undefined, { file: t('planForm.too_many_files') });
  }
  const fileName = cleanFileName(file.fileName, t('planForm.attachment_default_name'));
  const stored = await storeUpload(file.root, `plans/${planId}`, bytes);
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const id = await insertAttachment(tx.db, {
        planId, fileName, mime, size: stored.size, sha256: stored.sha256, storageKey: stored.key, uploadedBy: actor.id, now: tx.clock.now().toISOString(),
      });
      await audit(tx, { actorId: actor.id, action: 'plan.attachment_added', subjectType: 'plan', subjectId: planId, data: { attachmentId: id, mime, size: stored.size, sha256: stored.sha256 } });
      return id;
    });
    return { id, fileName };
  } catch (err) {
    // Nothing refers to the file if the row was not written.
    await removeUpload(file.root, stored.key);
    throw err;
  }
}
