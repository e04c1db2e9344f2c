import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { cleanFileName, removeUpload, sniffDocumentType, storeUpload } from '../platform/files/store-upload.ts';
import { AppError } from '../platform/http/errors.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { invalid, meetingToManage } from './meeting-access.ts';
import { countMeetingAttachments, insertMeetingAttachment } from './meetings.repo.ts';

export const MAX_ATTACHMENTS_PER_MEETING = 30;

/**
 * Attaches a document to a meeting (PDF, JPEG or PNG judged from its bytes, at most 10 MB), public
 * (listed on /meetings/:id once published) or internal. The file is stored outside the web root
 * under a random name; the original name is kept only for showing and downloading.
 */
export async function uploadMeetingAttachment(
  ctx: OpContext,
  actor: Actor,
  meetingId: number,
  file: { bytes: Buffer | null; fileName: string | undefined; isPublic: boolean; root: string },
): Promise<{ id: number; fileName: string }> {
  await meetingToManage(ctx, actor, meetingId);
  const bytes = file.bytes;
  if (!bytes || bytes.length === 0) throw invalid({ file: t('meetings.error.file_required') });
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large', undefined, { file: t('meetings.error.file_large') });
  const type = sniffDocumentType(bytes);
  if (!type) throw new AppError('unsupported_media_type', undefined, { file: t('meetings.error.file_type') });
  if ((await countMeetingAttachments(ctx.db, meetingId)) >= MAX_ATTACHMENTS_PER_MEETING) {
    throw invalid({ file: t('meetings.error.too_many_files', { max: MAX_ATTACHMENTS_PER_MEETING }) });
  }
  const fileName = cleanFileName(file.fileName, t('meetings.attachments.default_name'));
  const stored = await storeUpload(file.root, `meetings/${meetingId}`, bytes);
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const id = await insertMeetingAttachment(tx.db, {
        meetingId, fileName, storageKey: stored.key, contentType: type, size: stored.size, sha256: stored.sha256, isPublic: file.isPublic,
        uploadedBy: actor.id, now: tx.clock.now().toISOString(),
      });
      await audit(tx, {
        actorId: actor.id, action: 'meeting.attachment_added', subjectType: 'meeting', subjectId: meetingId,
        data: { attachmentId: id, type, size: stored.size, sha256: stored.sha256, public: file.isPublic },
      });
      return id;
    });
    return { id, fileName };
  } catch (err) {
    // Nothing refers to the file if the row was not written.
    await removeUpload(file.root, stored.key);
    throw err;
  }
}
