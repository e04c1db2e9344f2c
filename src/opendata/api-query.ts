import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import type { Param, Parsed } from './api-schemas.ts';

/**
 * Parses query or path parameters with their schemas. Persian and Arabic-Indic digits are read as
 * ASCII; an empty value counts as absent; an unknown or repeated parameter, or a value the schema
 * refuses, is a 400 with a Persian message naming the parameter and what it expects.
 */
export function parseParams<P extends Record<string, Param>>(params: P, raw: unknown): Parsed<P> {
  const input = (raw ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !Object.hasOwn(params, k));
  if (unknown.length) {
    throw new AppError('bad_request', t('openData.api.error.unknown_param', { names: unknown.join('، '), known: Object.keys(params).join('، ') }));
  }
  const out: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const [name, param] of Object.entries(params)) {
    const value = input[name];
    if (Array.isArray(value)) {
      fields[name] = t('openData.api.error.repeated_param');
      continue;
    }
    const text = typeof value === 'string' ? toAsciiDigits(normalizePersian(value)).trim() : undefined;
    const parsed = param.schema.safeParse(text === '' ? undefined : text);
    if (parsed.success) out[name] = parsed.data;
    else fields[name] = param.expects;
  }
  const first = Object.entries(fields)[0];
  if (first) throw new AppError('bad_request', t('openData.api.error.bad_param', { name: first[0], expects: first[1] }), fields);
  return out as Parsed<P>;
}

/** A page of an API list: its meta and the links to the pages before and after it. */
export function pageEnvelope<T>(
  path: string,
  query: Record<string, unknown>,
  page: { page: number; per_page: number },
  total: number,
  data: T[],
): { data: T[]; meta: { page: number; per_page: number; total: number }; links: { next: string | null; prev: string | null } } {
  const link = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && k !== 'page' && k !== 'per_page') q.set(k, String(v));
    q.set('page', String(n));
    q.set('per_page', String(page.per_page));
    return `${path}?${q.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(total / page.per_page));
  return {
    data,
    meta: { page: page.page, per_page: page.per_page, total },
    links: {
      next: page.page < pages ? link(page.page + 1) : null,
      prev: page.page > 1 ? link(Math.min(page.page - 1, pages)) : null,
    },
  };
}
