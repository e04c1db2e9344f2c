import { isUtf8 } from 'node:buffer';

/** An uploaded data file is accepted as text only if it is valid UTF-8 without NUL bytes, whatever its name says. */
export function readUtf8Upload(data: Buffer): string | null {
  if (data.length === 0 || data.includes(0) || !isUtf8(data)) return null;
  return data.toString('utf8');
}
