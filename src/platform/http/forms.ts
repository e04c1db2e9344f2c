import { AppError } from './errors.ts';

export type FormBody = Record<string, unknown>;

/** One text field from an urlencoded body ('' when absent; the first value when repeated). */
export function field(body: unknown, name: string, maxLength = 10_000): string {
  const v = (body as FormBody | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.slice(0, maxLength) : '';
}

/** Every value of a repeated field such as a checkbox group. */
export function fieldList(body: unknown, name: string): string[] {
  const v = (body as FormBody | undefined)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 100);
}

export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string>; status: number };

/**
 * Runs an operation for a form: field errors come back to re-render the form with the
 * values kept; any other error goes on to the error pages.
 */
export async function submitForm<T>(run: () => Promise<T>): Promise<FormOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof AppError && err.fieldErrors) return { ok: false, errors: err.fieldErrors, status: err.status };
    throw err;
  }
}

/** A same-site path to return to after signing in; anything else falls back to home. */
export function safeNextPath(raw: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : '/';
}
