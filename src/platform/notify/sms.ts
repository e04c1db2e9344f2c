import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import { insertNotification } from './notifications.repo.ts';

export type SmsSender = { kind: 'log' | 'http'; send: (to: string, text: string) => Promise<void> };

/**
 * The development sender writes each message to the log and to the notification outbox, so a
 * tester (or the browser tests) can read a one-time code without a real SMS gateway.
 */
export function createLogSmsSender(db: Db, clock: Clock, log: Logger): SmsSender {
  return {
    kind: 'log',
    send: async (to, text) => {
      log.info({ sms: { to, text } }, 'development SMS (not sent)');
      await insertNotification(db, {
        userId: null, channel: 'sms', recipient: to, subject: 'SMS', body: text, link: null,
        status: 'sent', now: clock.now().toISOString(),
      });
    },
  };
}

/** A gateway-neutral sender: POSTs {to, text, from} as JSON with a bearer token. */
export function createHttpSmsSender(options: { url: string; token?: string; from?: string; fetchImpl?: typeof fetch }): SmsSender {
  const doFetch = options.fetchImpl ?? fetch;
  return {
    kind: 'http',
    send: async (to, text) => {
      const res = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ to, text, from: options.from }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
