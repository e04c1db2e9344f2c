import type { Db } from '../db/database.ts';
import type { CaptchaStore } from './captcha.ts';

/**
 * The captcha's single-use store in table captcha_uses. Pass a transaction's db to make the
 * claim part of the write it guards: a rolled-back comment then leaves its captcha unused.
 */
export function dbCaptchaStore(db: Db): CaptchaStore {
  return {
    async claim(key, expiresAt) {
      // One statement decides, so two requests racing with the same solution cannot both win:
      // the primary key lets exactly one insert through, on SQLite and PostgreSQL alike.
      const result = await db
        .insertInto('captcha_uses')
        .values({ key, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async purgeExpired(now) {
      const result = await db.deleteFrom('captcha_uses').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
