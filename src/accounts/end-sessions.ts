import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { deleteSession, deleteSessionsOfUser } from './accounts.repo.ts';

/** Signs out this browser only. */
export async function endSession(ctx: OpContext, userId: number, tokenHash: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await deleteSession(tx.db, tokenHash);
    await audit(tx, { actorId: userId, action: 'session.ended', subjectType: 'user', subjectId: userId });
  });
}

/** Signs out every device of this person ("log out everywhere"). */
export async function endAllSessions(ctx: OpContext, userId: number): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const n = await deleteSessionsOfUser(tx.db, userId);
    await audit(tx, { actorId: userId, action: 'session.ended_all', subjectType: 'user', subjectId: userId, data: { sessions: n } });
    return n;
  });
}
