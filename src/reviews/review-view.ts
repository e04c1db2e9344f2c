// How review data reads on a page: scores and means in Persian digits, Jalali due dates, labels
// of statuses and outcomes, and the aggregate as tables (with reviewers' names for programme
// staff, as «داور ۱»، «داور ۲» for the agency).

import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import type { planScores } from './determine-plan.ts';
import type { AssignmentRow } from './reviews.repo.ts';
import type { AssignmentStatus, DeterminationOutcome, Recommendation, ReviewerKind } from './reviews.tables.ts';
import type { BlockKey, CriterionKey, ReviewScores, Score } from './rubric.ts';

const oneDecimal = new Intl.NumberFormat('fa-IR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });

/** A mean or total on the 0–5 scale with one decimal (۳٫۵), «—» when there is none. */
export const formatMean = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : oneDecimal.format(n));
/** A median or threshold: whole numbers without a decimal (۴), halves with one (۳٫۵). */
export const formatMedian = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : upToOneDecimal.format(n));
/** One reviewer's score; N/A and unanswered read «—». */
export const formatScore = (s: Score | undefined): string => (s === null || s === undefined ? '—' : toPersianDigits(s));

// Keys spelled out so the catalogue test sees every one in use.
const statusKeys: Record<AssignmentStatus, MessageKey> = {
  assigned: 'reviewPage.status.assigned', declined: 'reviewPage.status.declined', in_progress: 'reviewPage.status.in_progress', submitted: 'reviewPage.status.submitted',
};
const outcomeKeys: Record<DeterminationOutcome, MessageKey> = {
  approved: 'reviewPage.outcome.approved', rejected: 'reviewPage.outcome.rejected', returned: 'reviewPage.outcome.returned',
};
const kindKeys: Record<ReviewerKind, MessageKey> = { academic: 'reviewPage.kind.academic', council_staff: 'reviewPage.kind.council_staff' };
/** What a score of 5 and of 1 look like on each criterion. */
const anchorKeys: Record<CriterionKey, readonly [five: MessageKey, one: MessageKey]> = {
  T1: ['rubric.anchor5.T1', 'rubric.anchor1.T1'], T2: ['rubric.anchor5.T2', 'rubric.anchor1.T2'], T3: ['rubric.anchor5.T3', 'rubric.anchor1.T3'],
  T4: ['rubric.anchor5.T4', 'rubric.anchor1.T4'], E1: ['rubric.anchor5.E1', 'rubric.anchor1.E1'], E2: ['rubric.anchor5.E2', 'rubric.anchor1.E2'],
  E3: ['rubric.anchor5.E3', 'rubric.anchor1.E3'], E4: ['rubric.anchor5.E4', 'rubric.anchor1.E4'], E5: ['rubric.anchor5.E5', 'rubric.anchor1.E5'],
  J1: ['rubric.anchor5.J1', 'rubric.anchor1.J1'], J2: ['rubric.anchor5.J2', 'rubric.anchor1.J2'], J3: ['rubric.anchor5.J3', 'rubric.anchor1.J3'],
  J4: ['rubric.anchor5.J4', 'rubric.anchor1.J4'], J5: ['rubric.anchor5.J5', 'rubric.anchor1.J5'],
};

export const blockLabel = (b: BlockKey) => t(`rubric.block.${b}`);
export const criterionLabel = (c: CriterionKey) => t(`rubric.criterion.${c}`);
export const anchorTexts = (c: CriterionKey) => ({ five: t(anchorKeys[c][0]), one: t(anchorKeys[c][1]) });
export const recommendationLabel = (r: Recommendation) => t(`review.recommendation.${r}`);
export const outcomeLabel = (o: DeterminationOutcome) => t(outcomeKeys[o]);
export const weightLabel = (w: number) => t('reviewPage.weight', { value: w });

/** An assignment's state as staff and the reviewer read it; a declared conflict reads as such. */
export const assignmentStatusLabel = (a: Pick<AssignmentRow, 'status' | 'conflict_declared'>) =>
  a.status === 'declined' && a.conflict_declared ? t('reviewPage.status.conflict') : t(statusKeys[a.status]);

/** due_at is the instant the day after the due day starts: the last day is the one just before it. */
export const dueLabel = (dueAt: string) => formatJalaliDate(Date.parse(dueAt) - 1);
export const isOverdue = (a: Pick<AssignmentRow, 'status' | 'due_at'>, now: Date) =>
  (a.status === 'assigned' || a.status === 'in_progress') && Date.parse(a.due_at) < now.getTime();

/** «دانشگاهی، دانشگاه تهران، جامعه‌شناسی» from a reviewer's profile, «—» without one. */
export function profileLabel(p: { kind: ReviewerKind | null; university: string | null; faculty: string | null; field: string | null }): string {
  const parts = [p.kind ? t(kindKeys[p.kind]) : '', p.university ?? '', p.faculty ?? '', p.field ?? ''].map((s) => s.trim()).filter(Boolean);
  return parts.length ? toPersianDigits(parts.join('، ')) : '—';
}

export type AggregateView = {
  /** Column headings: reviewers' names (staff) or «داور ۱»… (the agency), in submission order. */
  reviewers: string[];
  criteria: { label: string; block: string; scores: string[]; median: string }[];
  blocks: { label: string; weight: string; mean: string; passes: boolean; result: string }[];
  total: string;
  passes: boolean;
  thresholdNote: string;
  spread: string | null;
  spreadNote: string | null;
  needsMoreInfo: boolean;
  recommendations: string;
  reviews: {
    heading: string;
    when: string;
    recommendation: string | null;
    comment: string | null;
    criteria: { label: string; score: string; comment: string }[];
  }[];
};

type Scores = Awaited<ReturnType<typeof planScores>>;

/** The combined scores of a plan as tables; `names: false` labels reviewers by their order of submission only. */
export function aggregateView(s: Scores, o: { names: boolean }): AggregateView {
  const { rubric } = s.settings;
  const agg = s.aggregate;
  const threshold = formatMedian(rubric.minBlockMean);
  const parsed = s.reviews.map((r) => JSON.parse(r.scores) as ReviewScores);
  const text = (x: string | null | undefined) => (x ? toPersianDigits(x) : '');
  return {
    reviewers: s.reviews.map((r, i) => (o.names ? r.reviewer_name : t('reviewPage.agency.reviewer', { n: i + 1 }))),
    criteria: agg.criteria.map((c) => ({
      label: criterionLabel(c.key),
      block: blockLabel(c.block),
      scores: c.scores.map(formatScore),
      median: formatMedian(c.median),
    })),
    blocks: agg.blocks.map((b) => ({
      label: blockLabel(b.key),
      weight: weightLabel(b.weight),
      mean: formatMean(b.mean),
      passes: b.passes,
      result: b.passes ? t('reviewPage.blocks.pass') : t('reviewPage.blocks.fail', { threshold }),
    })),
    total: formatMean(agg.total),
    passes: agg.passesThresholds,
    thresholdNote: agg.passesThresholds ? t('reviewPage.thresholds_pass', { threshold }) : t('reviewPage.thresholds_fail', { threshold }),
    spread: agg.spread === null ? null : formatMean(agg.spread),
    spreadNote: agg.discuss ? t('reviewPage.spread_flag', { threshold: formatMedian(rubric.spreadThreshold) }) : null,
    needsMoreInfo: agg.needsMoreInfo,
    recommendations: t('reviewPage.recommendations_value', agg.recommendations),
    reviews: s.reviews.map((r, i) => ({
      heading: o.names ? r.reviewer_name : t('reviewPage.agency.reviewer', { n: i + 1 }),
      when: r.submitted_at ? t('reviewPage.comments.when', { when: formatJalaliDateTime(r.submitted_at) }) : '',
      recommendation: r.recommendation ? t('reviewPage.comments.recommendation', { value: recommendationLabel(r.recommendation) }) : null,
      comment: r.comment ? toPersianDigits(r.comment) : null,
      criteria: rubric.blocks.flatMap((b) => b.criteria).flatMap((key) => {
        const entry = parsed[i]?.[key];
        return entry?.comment ? [{ label: criterionLabel(key), score: formatScore(entry.score), comment: text(entry.comment) }] : [];
      }),
    })),
  };
}
