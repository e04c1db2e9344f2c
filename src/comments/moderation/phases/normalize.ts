// Phase 3: normalisation. Computes the normalised text (platform `normalizePersian`), the folded
// units with offsets into the original, and the words; later phases read them from the context.

import { textOf, type ModerationContext } from '../context.ts';
import type { PhaseResult } from '../types.ts';

export function normalize(ctx: ModerationContext): PhaseResult | undefined {
  const t = textOf(ctx);
  return { scores: { letters: t.letters, words: t.words.length } };
}
