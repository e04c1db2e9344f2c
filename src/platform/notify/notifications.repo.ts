import type { Db } from '../db/database.ts';

type Channel = 'in_app' | 'email' | 'sms';

export async function insertNotification(
  db: Db,
  n: { userId: number | null; channel: Channel; recipient: string | null; subject: string; body: string; link: string | null; status: 'pending' | 'sent'; now: string },
): Promise<number> {
  const row = await db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      link: n.link,
      status: n.status,
      created_at: n.now,
      sent_at: n.status === 'sent' ? n.now : null,
      read_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findNotification(db: Db, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setNotificationStatus(db: Db, id: number, status: 'sent' | 'failed', now: string): Promise<void> {
  await db.updateTable('notifications').set({ status, sent_at: status === 'sent' ? now : null }).where('id', '=', id).execute();
}

export async function listInAppNotifications(db: Db, userId: number, page: { limit: number; offset: number }) {
  return db
    .selectFrom('notifications')
    .select(['id', 'subject', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countInAppNotifications(db: Db, userId: number): Promise<{ total: number; unread: number }> {
  const r = await db
    .selectFrom('notifications')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), unread: Number(r.unread) };
}

export async function markAllRead(db: Db, userId: number, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .where('read_at', 'is', null)
    .execute();
}

/** The latest message sent to a recipient on a channel (the development SMS outbox is read this way). */
export async function latestOutboxMessage(db: Db, channel: Channel, recipient: string) {
  return db
    .selectFrom('notifications')
    .select(['body', 'created_at'])
    .where('channel', '=', channel)
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
