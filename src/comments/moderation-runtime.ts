import { createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../platform/db/database.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { buildIdf, defaultConfig, loadModel, type IdfTable, type Model, type ModerationConfig, type Span } from './moderation/index.ts';
import { commentSubjects } from './subjects.ts';

/** The moderation settings the server runs with: the core's defaults, overridden from the environment. */
export function moderationConfig(config: Config): ModerationConfig {
  return {
    ...defaultConfig,
    rateLimitPerUser: config.COMMENT_RATE_PER_MINUTE,
    rateLimitPerIp: config.COMMENT_RATE_PER_IP_PER_MINUTE,
    trustApprovedCount: config.COMMENT_TRUSTED_AFTER,
    reportHideCount: config.COMMENT_REPORTS_TO_HIDE,
  };
}

const models = new Map<string, Model>();
/** The classifier, read once per process (MODERATION_MODEL, else the shipped model). */
export function moderationModel(config: Pick<Config, 'MODERATION_MODEL'>): Model {
  const key = config.MODERATION_MODEL ?? '';
  let model = models.get(key);
  if (!model) {
    model = loadModel(config.MODERATION_MODEL);
    models.set(key, model);
  }
  return model;
}

const IDF_MAX_AGE_MS = 10 * 60 * 1000;
const idfCache = new WeakMap<Db, { builtAt: number; table: IdfTable }>();
/**
 * Document frequencies over every public subject, rebuilt at most every ten minutes: a new plan
 * shifts the weights of a few words, which does not need to be seen within the minute.
 */
export async function subjectIdf(db: Db, nowMs: number): Promise<IdfTable> {
  const hit = idfCache.get(db);
  if (hit && nowMs - hit.builtAt < IDF_MAX_AGE_MS) return hit.table;
  const documents: string[] = [];
  for (const provider of Object.values(commentSubjects)) documents.push(...(await provider.corpus(db)));
  const table = buildIdf(documents);
  idfCache.set(db, { builtAt: nowMs, table });
  return table;
}

/** A keyed hash of the client address: enough to count comments per IP, useless to anyone who reads the table. */
export function hashIp(secret: string, ip: string | null | undefined): string | null {
  return ip ? createHmac('sha256', secret).update(`comment-ip:${ip}`).digest('base64url').slice(0, 22) : null;
}

/**
 * Moves spans found in the text as typed onto the normalized text that is stored, so the queue
 * highlights the right words. Normalization is local (letters, marks, spaces), so the normalized
 * length of a prefix is where that prefix ends.
 */
export function spansOnStoredText(typed: string, spans: readonly Span[]): Span[] {
  const stored = normalizePersian(typed);
  const at = (offset: number) => Math.min(stored.length, Math.max(0, normalizePersian(`${typed.slice(0, offset)}x`).length - 1));
  return spans.map((s) => ({ start: at(s.start), end: Math.max(at(s.start), at(s.end)) })).filter((s) => s.end > s.start);
}
