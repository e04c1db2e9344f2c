/** A piece of a text, marked when a moderation reason pointed at it. */
export type Segment = { text: string; marked: boolean };

type SpanLike = { start: number; end: number };

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when the offset falls between the two halves of a surrogate pair. */
function insidePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * Splits a text into plain and marked pieces from half-open UTF-16 spans [start, end), as the
 * moderation queue shows them. Spans are taken as untrusted data: offsets outside the text are
 * clamped, empty or malformed spans dropped, overlapping and touching spans merged, and a span
 * edge never splits a surrogate pair (it widens to take the whole character). The pieces join
 * back to the text exactly; none is empty.
 */
export function highlightSegments(text: string, spans: readonly SpanLike[] | null | undefined): Segment[] {
  if (text === '') return [];
  const ranges: [number, number][] = [];
  for (const s of spans ?? []) {
    if (!s || typeof s.start !== 'number' || typeof s.end !== 'number' || Number.isNaN(s.start) || Number.isNaN(s.end)) continue;
    let start = Math.min(text.length, Math.max(0, Math.floor(s.start)));
    let end = Math.min(text.length, Math.max(0, Math.ceil(s.end)));
    if (end <= start) continue;
    if (insidePair(text, start)) start -= 1;
    if (insidePair(text, end)) end += 1;
    ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
