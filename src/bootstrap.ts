import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { openDatabase } from './platform/db/database.ts';
import { createMailer } from './platform/notify/mailer.ts';
import { createHttpSmsSender, createLogSmsSender } from './platform/notify/sms.ts';
import { emailJobHandler, EMAIL_JOB } from './platform/notify/notify.ts';
import type { JobHandler } from './platform/jobs/worker.ts';
import { CALL_REMINDERS_JOB, callReminderJobHandler } from './calls/reminders.ts';
import { REVIEW_REMINDERS_JOB, reviewReminderJobHandler } from './reviews/review-reminders.ts';
import { BALLOT_CLOCK_JOB, ballotClockJobHandler } from './ballots/round-clock.ts';
import { NEWS_PUBLISH_DUE_JOB, newsPublishDueJobHandler } from './news/publish-due-articles.ts';
import { RESOLUTION_REMINDERS_JOB, resolutionReminderJobHandler } from './resolutions/resolution-reminders.ts';
import { INDICATOR_IMPORT_JOB, indicatorImportJobHandler } from './monitoring/indicators/run-indicator-import.ts';
import { REPORT_REMINDERS_JOB, reportReminderJobHandler } from './monitoring/reports/report-reminders.ts';

export function createLogger(config: Config): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', 'res.headers["set-cookie"]'],
  });
}

/** Opens the database and wires the senders: the one place the process's dependencies are made. */
export function createContext(config: Config, options: { clock?: Clock; log?: Logger } = {}): AppContext {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const handle = openDatabase({ url: config.DATABASE_URL });
  const sms =
    config.SMS_PROVIDER === 'http' && config.SMS_HTTP_URL
      ? createHttpSmsSender({ url: config.SMS_HTTP_URL, token: config.SMS_HTTP_TOKEN, from: config.SMS_SENDER_NUMBER })
      : createLogSmsSender(handle.db, clock, log);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, log });
  return { db: handle.db, dialect: handle.dialect, clock, config, log, sms, mailer, handle };
}

/** Every background job the process knows how to run. */
export function jobHandlers(ctx: AppContext): Map<string, JobHandler> {
  return new Map([
    [EMAIL_JOB, emailJobHandler(ctx.db, ctx.clock, ctx.mailer, ctx.config.BASE_URL)],
    [CALL_REMINDERS_JOB, callReminderJobHandler(ctx)],
    [REVIEW_REMINDERS_JOB, reviewReminderJobHandler(ctx)],
    [BALLOT_CLOCK_JOB, ballotClockJobHandler(ctx)],
    [NEWS_PUBLISH_DUE_JOB, newsPublishDueJobHandler(ctx)],
    [RESOLUTION_REMINDERS_JOB, resolutionReminderJobHandler(ctx)],
    [INDICATOR_IMPORT_JOB, indicatorImportJobHandler(ctx)],
    [REPORT_REMINDERS_JOB, reportReminderJobHandler(ctx)],
  ]);
}
