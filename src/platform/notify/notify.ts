import type { Db } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import { enqueueJob, type JobHandler } from '../jobs/worker.ts';
import type { Mailer } from './mailer.ts';
import { findNotification, insertNotification, setNotificationStatus } from './notifications.repo.ts';

export const EMAIL_JOB = 'notification.email';

/**
 * Puts a message in the person's in-app list and, when they have an email address, queues an
 * email. Call it inside the transaction of the change it announces.
 */
export async function notify(
  db: Db,
  clock: Clock,
  n: { userId: number; email: string | null; subject: string; body: string; link?: string },
): Promise<void> {
  const now = clock.now().toISOString();
  await insertNotification(db, {
    userId: n.userId, channel: 'in_app', recipient: null, subject: n.subject, body: n.body,
    link: n.link ?? null, status: 'sent', now,
  });
  if (n.email) {
    const id = await insertNotification(db, {
      userId: n.userId, channel: 'email', recipient: n.email, subject: n.subject, body: n.body,
      link: n.link ?? null, status: 'pending', now,
    });
    await enqueueJob(db, clock, EMAIL_JOB, { notificationId: id });
  }
}

/** Job handler that delivers a queued email notification. */
export function emailJobHandler(db: Db, clock: Clock, mailer: Mailer, baseUrl: string): JobHandler {
  return async (payload) => {
    const { notificationId } = payload as { notificationId: number };
    const n = await findNotification(db, notificationId);
    if (!n || n.status === 'sent' || !n.recipient) return;
    const text = n.link ? `${n.body}\n\n${new URL(n.link, baseUrl).toString()}` : n.body;
    await mailer.send({ to: n.recipient, subject: n.subject, text });
    await setNotificationStatus(db, n.id, 'sent', clock.now().toISOString());
  };
}
