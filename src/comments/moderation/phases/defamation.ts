// Phase 8: defamation proxy. Whether a claim is true is a legal question, so the proxy is:
// an insult, an obscenity or an accusation (دزد، اختلاس، فاسد، خائن، دروغگو، رشوه‌گیر…) within
// `defamationWindow` words of a person (title or role, or a name given by the subject) or an
// organisation, in the same sentence → always held for a human. A comment whose classifier
// score is over the threshold and that names a person or organisation is held too.
// Criticism without insult or accusation («عملکرد شهرداری ضعیف بود») passes.

import { classifierThreshold, hitsOf, offensiveScore, textOf, type ModerationContext } from '../context.ts';
import { spansOf, type WordHit } from '../matcher.ts';
import { messages } from '../explain.ts';
import type { Token } from '../text.ts';
import type { PhaseResult } from '../types.ts';

/** Index of the word containing unit `u` (binary search over the words). */
function wordAt(words: readonly Token[], u: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (words[mid]!.from <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function defamation(ctx: ModerationContext): PhaseResult | undefined {
  const h = hitsOf(ctx);
  if (h.target.length === 0) return undefined;
  const offences = [...h.obscenity, ...h.insult, ...h.accusation];
  const { words } = textOf(ctx);
  const window = ctx.config.defamationWindow;
  const aimed: WordHit[] = [];
  const targets = h.target.map((t) => ({ hit: t, first: wordAt(words, t.from), last: wordAt(words, t.to - 1) }));
  for (const o of offences) {
    const first = wordAt(words, o.from);
    const last = wordAt(words, o.to - 1);
    const sentence = words[first]!.sentence;
    for (const t of targets) {
      if (words[t.first]!.sentence !== sentence && words[t.last]!.sentence !== sentence) continue;
      // Words strictly between the two (0 when adjacent or overlapping).
      const distance = t.first > last ? t.first - last - 1 : first > t.last ? first - t.last - 1 : 0;
      if (distance <= window) {
        aimed.push(o, t.hit);
      }
    }
  }
  if (aimed.length > 0) {
    const kinds = [...new Set(aimed.map((a) => a.list))].sort().join(',');
    return { decision: 'held', reasons: [{ code: 'defamation', message: messages.defamation, spans: spansOf(aimed), detail: kinds }] };
  }
  const p = offensiveScore(ctx);
  if (p !== undefined && p >= classifierThreshold(ctx)) {
    return {
      decision: 'held',
      reasons: [{ code: 'defamation', message: messages.defamation, spans: spansOf(h.target), detail: 'classifier' }],
    };
  }
  return undefined;
}
