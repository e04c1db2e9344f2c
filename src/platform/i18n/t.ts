import { toPersianDigits } from '../persian/digits.ts';
import { fa, type MessageKey } from '../../messages.ts';

/**
 * The Persian message for a key, with {name} placeholders filled. Numbers are shown in
 * Persian digits; pass pre-formatted strings for anything else.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = fa[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? toPersianDigits(v) : v;
  });
}

/** Whether a key built at run time (from a stored code) has a message. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(fa, key);
}

export type { MessageKey };
