import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { highlightSegments, type Segment } from './highlight.ts';

/** No half of a surrogate pair alone. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const show = (segments: Segment[]) => segments.map((s) => (s.marked ? `[${s.text}]` : s.text)).join('');

describe('highlightSegments', () => {
  test('marks each span and keeps the rest', () => {
    const text = 'تو احمقی و او نادان';
    assert.equal(show(highlightSegments(text, [{ start: 3, end: 8 }])), 'تو [احمقی] و او نادان');
    assert.equal(show(highlightSegments(text, [{ start: 14, end: 19 }, { start: 3, end: 8 }])), 'تو [احمقی] و او [نادان]');
    assert.deepEqual(highlightSegments('abc', [{ start: 0, end: 3 }]), [{ text: 'abc', marked: true }]);
  });

  test('no spans, an empty text', () => {
    assert.deepEqual(highlightSegments('سلام', []), [{ text: 'سلام', marked: false }]);
    assert.deepEqual(highlightSegments('سلام', undefined), [{ text: 'سلام', marked: false }]);
    assert.deepEqual(highlightSegments('', [{ start: 0, end: 3 }]), []);
  });

  test('overlapping, nested and touching spans are merged', () => {
    assert.equal(show(highlightSegments('abcdefghij', [{ start: 1, end: 4 }, { start: 3, end: 6 }])), 'a[bcdef]ghij');
    assert.equal(show(highlightSegments('abcdefghij', [{ start: 1, end: 8 }, { start: 2, end: 3 }])), 'a[bcdefgh]ij');
    assert.equal(show(highlightSegments('abcdefghij', [{ start: 1, end: 3 }, { start: 3, end: 5 }])), 'a[bcde]fghij');
    assert.equal(show(highlightSegments('abcdefghij', [{ start: 2, end: 4 }, { start: 2, end: 4 }])), 'ab[cd]efghij');
  });

  test('out-of-range spans are clamped, empty and malformed ones dropped', () => {
    assert.equal(show(highlightSegments('abcdef', [{ start: -5, end: 2 }])), '[ab]cdef');
    assert.equal(show(highlightSegments('abcdef', [{ start: 4, end: 99 }])), 'abcd[ef]');
    assert.equal(show(highlightSegments('abcdef', [{ start: 10, end: 20 }])), 'abcdef');
    assert.equal(show(highlightSegments('abcdef', [{ start: 3, end: 3 }, { start: 4, end: 2 }])), 'abcdef');
    const bad = [{ start: Number.NaN, end: 2 }, { start: 'x', end: 2 }, null] as unknown as { start: number; end: number }[];
    assert.equal(show(highlightSegments('abcdef', bad)), 'abcdef');
    assert.equal(show(highlightSegments('abcdef', [{ start: 1.5, end: 2.2 }])), 'a[bc]def');
  });

  test('a surrogate pair is never split', () => {
    const text = 'a😀b'; // 😀 is two UTF-16 code units at 1 and 2
    assert.equal(show(highlightSegments(text, [{ start: 2, end: 3 }])), 'a[😀]b');
    assert.equal(show(highlightSegments(text, [{ start: 0, end: 2 }])), '[a😀]b');
    assert.equal(show(highlightSegments(text, [{ start: 2, end: 2 }])), 'a😀b');
    for (const s of highlightSegments(text, [{ start: 2, end: 4 }])) assert.ok(wellFormed(s.text));
  });

  test('pieces join back to the text, are never empty, and alternate', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.array(fc.record({ start: fc.integer({ min: -5, max: 70 }), end: fc.integer({ min: -5, max: 70 }) }), { maxLength: 6 }),
        (text, spans) => {
          const segments = highlightSegments(text, spans);
          assert.equal(segments.map((s) => s.text).join(''), text);
          for (const s of segments) {
            assert.ok(s.text.length > 0);
            assert.ok(wellFormed(s.text), 'no lone surrogate');
          }
          for (let i = 1; i < segments.length; i++) assert.notEqual(segments[i]!.marked, segments[i - 1]!.marked);
        },
      ),
    );
  });
});
