import { toAsciiDigits } from '../persian/digits.ts';

/** Reads ?page=N (any digit kind) and clamps it; every list in the product goes through this. */
export function pageFromQuery(raw: unknown, pageSize: number): { page: number; limit: number; offset: number } {
  const n = typeof raw === 'string' ? Number.parseInt(toAsciiDigits(raw), 10) : 1;
  const page = Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
