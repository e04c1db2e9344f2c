import { z } from 'zod';

/**
 * Every environment variable the process reads, with its default.
 * README.md documents the same list; a test keeps the two in step.
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/mahalle.db')
    .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v) || !v.includes(':'), {
      message: 'must be sqlite:PATH, a file path, or postgres://… / must be sqlite:PATH یا postgres://…',
    }),
  BASE_URL: z.url().default('http://localhost:3000'),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  WORKER: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
  PAGE_CACHE: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  OTP_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(120),
  OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  OTP_SENDS_PER_NUMBER_PER_HOUR: z.coerce.number().int().min(1).default(5),
  OTP_SENDS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_SENDER_NUMBER: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Mahalle <no-reply@mahalle.local>'),
  MODERATION_MODEL: z.string().optional(),
  COMMENT_EDIT_MINUTES: z.coerce.number().int().min(0).max(60).default(5),
  COMMENT_REPORTS_TO_HIDE: z.coerce.number().int().min(1).max(100).default(3),
  COMMENT_TRUSTED_AFTER: z.coerce.number().int().min(0).max(100).default(1),
  COMMENT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(3),
  COMMENT_RATE_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
  /** Ballot submissions (casts, changes and previews) per IP a minute; many voters may share a carrier's address. */
  VOTE_RATE_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
});

export type Config = z.infer<typeof ConfigSchema> & { sessionSecret: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      'پیکربندی نامعتبر است / Invalid configuration:\n' + problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (مقدار نامعتبر برای ${i.path.join('.')})`),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.SMS_PROVIDER === 'http' && !c.SMS_HTTP_URL) {
    problems.push('SMS_HTTP_URL: required when SMS_PROVIDER=http (برای ارسال پیامک نشانی سرویس لازم است)');
  }
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    problems.push('SESSION_SECRET: required in production, at least 32 characters (در محیط عملیاتی الزامی است)');
  }
  if (problems.length) throw new ConfigError(problems);
  // In development a fixed secret keeps sessions across restarts; production must set its own.
  return { ...c, sessionSecret: c.SESSION_SECRET ?? 'development-only-secret-change-me-in-production!!' };
}

/** SQLite file path from DATABASE_URL, or null for PostgreSQL. */
export function sqlitePath(databaseUrl: string): string | null {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  return databaseUrl.replace(/^sqlite:/, '');
}
