// Phase 9: relevance. TF-IDF cosine between the comment and the subject (title counted twice,
// then lead and body), with the IDF table of all subjects when the caller provides one. Only a
// long comment (at least `relevanceMinTokens` content words) can be held as off-topic, so short
// generic comments («عالی بود», «دست مریزاد») never are. The cosine is always kept as a score.

import { textOf, type ModerationContext } from '../context.ts';
import { messages } from '../explain.ts';
import { cosine, termsOf, termsOfFolded, vectorOf, type IdfTable, type Vector } from '../tfidf.ts';
import type { ModerationSubject, PhaseResult } from '../types.ts';

const subjectVectors = new WeakMap<ModerationSubject, { idf: IdfTable | undefined; vector: Vector }>();

function subjectVector(subject: ModerationSubject, idf: IdfTable | undefined): Vector {
  const cached = subjectVectors.get(subject);
  if (cached && cached.idf === idf) return cached.vector;
  const vector = vectorOf(
    [
      { terms: termsOf(subject.title), weight: 2 },
      { terms: termsOf(subject.body), weight: 1 },
    ],
    idf,
  );
  subjectVectors.set(subject, { idf, vector });
  return vector;
}

export function relevance(ctx: ModerationContext): PhaseResult | undefined {
  const subject = ctx.input.subject;
  if (!subject || (subject.title.trim() === '' && subject.body.trim() === '')) return undefined;
  const idf = ctx.input.idf ?? ctx.config.idf;
  const terms = termsOfFolded(textOf(ctx).features);
  const sim = cosine(vectorOf([{ terms, weight: 1 }], idf), subjectVector(subject, idf));
  const scores = { relevance: Math.round(sim * 1000) / 1000 };
  if (terms.length >= ctx.config.relevanceMinTokens && sim < ctx.config.relevanceThreshold) {
    return {
      decision: 'held',
      reasons: [{ code: 'off_topic', message: messages.offTopic, detail: `cosine=${scores.relevance}` }],
      scores,
    };
  }
  return { scores };
}
