/**
 * Wraps left-to-right material (a phone number with masked digits, an email) in Unicode
 * isolates so that inside Persian text it keeps its own order; for plain-text places where a
 * <bdi dir="ltr"> element cannot go, such as flash messages and SMS.
 */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}
