// The moderation pipeline (DESIGN.md "Comments and moderation"), Coral style: phases run in
// order; a phase that rejects ends the run; `held` reasons accumulate so that the moderator sees
// all of them; the decision is the most severe one returned (rejected > held > published).

import { createContext, type ModerationContext } from './context.ts';
import type { Model } from './classifier.ts';
import { bannedWords } from './phases/banned-words.ts';
import { captcha } from './phases/captcha.ts';
import { defamation } from './phases/defamation.ts';
import { insult } from './phases/insult.ts';
import { language } from './phases/language.ts';
import { lengthAndRate } from './phases/length.ts';
import { normalize } from './phases/normalize.ts';
import { relevance } from './phases/relevance.ts';
import { replyTarget } from './phases/reply.ts';
import { reports } from './phases/reports.ts';
import { spam } from './phases/spam.ts';
import { trust } from './phases/trust.ts';
import { shippedModel } from './shipped-model.ts';
import type { Decision, ModerationConfig, ModerationInput, Phase, Reason, Verdict } from './types.ts';

export interface NamedPhase {
  name: string;
  run: Phase;
}

/** The phases in DESIGN.md order. */
export const phases: readonly NamedPhase[] = [
  { name: 'length', run: lengthAndRate },
  { name: 'captcha', run: captcha },
  { name: 'normalize', run: normalize },
  { name: 'reply', run: replyTarget },
  { name: 'language', run: language },
  { name: 'banned_words', run: bannedWords },
  { name: 'insult', run: insult },
  { name: 'defamation', run: defamation },
  { name: 'relevance', run: relevance },
  { name: 'spam', run: spam },
  { name: 'trust', run: trust },
  { name: 'reports', run: reports },
];

const severity: Record<Decision, number> = { published: 0, held: 1, rejected: 2 };

/** Runs phases over a context and folds their results into a verdict. */
export function runPhases(ctx: ModerationContext, list: readonly NamedPhase[] = phases): Verdict {
  let decision: Decision = 'published';
  const reasons: Reason[] = [];
  const scores: Record<string, number> = {};
  for (const phase of list) {
    const r = phase.run(ctx);
    if (!r) continue;
    if (r.reasons) reasons.push(...r.reasons);
    if (r.scores) Object.assign(scores, r.scores);
    if (r.decision && severity[r.decision] > severity[decision]) decision = r.decision;
    if (decision === 'rejected') break;
  }
  return { decision, reasons, scores };
}

/**
 * Moderates one comment. `model` defaults to the shipped model (model.json); pass `null` to
 * run without the classifier, or a model loaded with `loadModel()` (e.g. retrained).
 * Phases whose facts are absent from the input (captcha, reply, author, reports) are skipped.
 */
export function moderate(input: ModerationInput, config: Partial<ModerationConfig> = {}, model?: Model | null): Verdict {
  return runPhases(createContext(input, config, model === undefined ? shippedModel : model));
}

/**
 * The phases about what a text says, not about who sends it or where: for other public texts
 * residents write (a need's title and description), which have no thread, captcha or reply.
 */
export const contentPhases: readonly NamedPhase[] = phases.filter((p) => ['normalize', 'language', 'banned_words', 'insult', 'defamation'].includes(p.name));

/** Screens a public text by the published rules; `names` are real persons it may not defame. */
export function screenText(text: string, names: readonly string[], config: Partial<ModerationConfig> = {}, model?: Model | null): Verdict {
  return runPhases(createContext({ text, subject: { title: '', body: '', names: [...names] } }, config, model === undefined ? shippedModel : model), contentPhases);
}
