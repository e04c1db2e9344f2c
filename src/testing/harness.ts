import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { manualClock } from '../platform/clock.ts';
import { openTestDatabase } from '../platform/db/testing.ts';
import { createMailer, type Mail } from '../platform/notify/mailer.ts';
import type { SmsSender } from '../platform/notify/sms.ts';

export type Harness = {
  ctx: AppContext;
  app: FastifyInstance;
  clock: ReturnType<typeof manualClock>;
  sms: { to: string; text: string }[];
  mails: Mail[];
  close: () => Promise<void>;
};

/** An app on a fresh test database (SQLite, or PostgreSQL when DATABASE_URL says so), with a hand-moved clock and captured SMS. */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const handle = await openTestDatabase();
  // Starts at the real time so cookie expiry (judged against the wall clock) behaves as in a browser.
  const clock = manualClock(new Date());
  const log = pino({ level: 'silent' });
  const config: Config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 's'.repeat(40), WORKER: '0',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000', OTP_SENDS_PER_IP_PER_HOUR: '1000', ...env,
  });
  const sms: { to: string; text: string }[] = [];
  const mails: Mail[] = [];
  const smsSender: SmsSender = { kind: 'log', send: async (to, text) => { sms.push({ to, text }); } };
  const mailer = { ...createMailer({ from: 'test', log }), send: async (m: Mail) => { mails.push(m); } };
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, clock, config, log, sms: smsSender, mailer, handle };
  const app = await buildApp(ctx);
  await app.ready();
  return { ctx, app, clock, sms, mails, close: async () => { await app.close(); await handle.close(); } };
}

/** A tiny browser: keeps cookies between requests and pulls CSRF tokens out of pages. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0 || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies), headers });
    this.remember(res);
    return res;
  }

  /** Posts a form as a browser would, with the CSRF token of the page it came from. */
  async post(url: string, form: Record<string, string | string[]>, options: { csrfFrom?: string; csrf?: string | null } = {}) {
    let token = options.csrf;
    if (token === undefined) {
      const page = await this.get(options.csrfFrom ?? '/');
      token = csrfToken(page.body);
    }
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    if (token) body.append('_csrf', token);
    const res = await this.app.inject({
      method: 'POST', url, payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: Object.fromEntries(this.cookies),
    });
    this.remember(res);
    return res;
  }
}

export function csrfToken(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/** The six-digit code in the last SMS sent to a number. */
export function lastCode(h: Harness, mobile: string): string {
  const msg = [...h.sms].reverse().find((s) => s.to === mobile);
  const m = msg && /(\d{6})/.exec(msg.text);
  if (!m?.[1]) throw new Error(`no code sent to ${mobile}`);
  return m[1];
}

export const testConfig = (env: Record<string, string> = {}): Config => loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(40), ...env });
