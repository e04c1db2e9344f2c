import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { removeUpload } from '../platform/files/store-upload.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { editableStatuses } from './plan-lifecycle.ts';
import { deleteAttachment, findAttachment, findPlan } from './plans.repo.ts';

/** Removes an attachment from a plan that is still being edited; the stored file goes after the row. */
export async function deletePlanAttachment(ctx: OpContext, actor: Actor, planId: number, attachmentId: number, root: string): Promise<void> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'plan.edit', { agencyId: plan.agency_id, status: plan.status })) throw new AppError('forbidden');
  const attachment = await findAttachment(ctx.db, attachmentId);
  if (!attachment || attachment.plan_id !== planId) throw notFound();
  if (!editableStatuses.includes(plan.status)) throw new AppError('conflict', t('plan.not_editable'));
  await inTransaction(ctx, async (tx) => {
    await deleteAttachment(tx.db, attachmentId);
    await audit(tx, { actorId: actor.id, action: 'plan.attachment_deleted', subjectType: 'plan', subjectId: planId, data: { attachmentId, sha256: attachment.sha256 } });
  });
  await removeUpload(root, attachment.storage_key);
}
