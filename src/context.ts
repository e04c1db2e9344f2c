import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Clock } from './platform/clock.ts';
import type { DatabaseHandle, Db, Dialect } from './platform/db/database.ts';
import type { Mailer } from './platform/notify/mailer.ts';
import type { SmsSender } from './platform/notify/sms.ts';

/** Everything a business operation may use; routes pass it down, tests build their own. */
export type AppContext = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  log: Logger;
  sms: SmsSender;
  mailer: Mailer;
  handle: DatabaseHandle;
};

/** The slice of the context an operation needs to write and audit. */
export type OpContext = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/** Runs fn in one transaction, handing it a context whose db is the transaction. */
export async function inTransaction<C extends OpContext, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
