import type { OpContext } from '../../context.ts';
import { appendAudit } from './audit.repo.ts';

/** Records a state change; call with the transaction's context so the entry commits with the change. */
export async function audit(
  ctx: OpContext,
  entry: { actorId: number | null; action: string; subjectType: string; subjectId: string | number | null; data?: Record<string, unknown>; ip?: string | null },
): Promise<void> {
  await appendAudit(ctx.db, ctx.dialect, {
    at: ctx.clock.now().toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId === null ? null : String(entry.subjectId),
    data: entry.data ?? {},
    ip: entry.ip ?? null,
  });
}
