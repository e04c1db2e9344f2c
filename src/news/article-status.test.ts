import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articleStatuses, articleTransitions, canMoveArticle, effectiveStatus, isPublicAt, permissionFor, publicTime, transitionPatch,
  transitionProblems, type ArticleStatus,
} from './article-status.ts';

const now = '2026-06-18T08:00:00.000Z';
const later = '2026-06-19T08:00:00.000Z';
const earlier = '2026-06-17T08:00:00.000Z';

describe('the article lifecycle', () => {
  test('the transition table is exactly the one in the brief', () => {
    const moves = articleStatuses.flatMap((from) => articleStatuses.filter((to) => canMoveArticle(from, to)).map((to) => `${from}→${to}`));
    assert.deepEqual(moves.sort(), [
      'draft→published', 'draft→scheduled', 'published→unpublished', 'scheduled→draft', 'scheduled→published', 'unpublished→draft', 'unpublished→published',
    ]);
    for (const s of articleStatuses) assert.ok(!canMoveArticle(s, s), `no move from ${s} to itself`);
    assert.deepEqual(Object.keys(articleTransitions).sort(), [...articleStatuses].sort());
  });

  test('only the publish permission schedules, publishes and takes down; sending back to draft is editing', () => {
    const perms = Object.fromEntries(articleStatuses.map((s) => [s, permissionFor(s)]));
    assert.deepEqual(perms, { draft: 'news.edit', scheduled: 'news.publish', published: 'news.publish', unpublished: 'news.publish' });
  });

  test('scheduling needs a time after now; taking down needs a reason; other moves need nothing', () => {
    const p = (from: ArticleStatus, to: string, o: { publishAt?: string | null; reason?: string } = {}) =>
      transitionProblems(from, { to, publishAt: o.publishAt ?? null, reason: o.reason ?? '', now });
    assert.deepEqual(p('draft', 'scheduled'), { publish_date: 'time_required' });
    assert.deepEqual(p('draft', 'scheduled', { publishAt: earlier }), { publish_date: 'time_past' });
    assert.deepEqual(p('draft', 'scheduled', { publishAt: now }), { publish_date: 'time_past' }, 'now is not the future');
    assert.deepEqual(p('draft', 'scheduled', { publishAt: later }), {});
    assert.deepEqual(p('draft', 'published'), {});
    assert.deepEqual(p('published', 'unpublished'), { reason: 'reason_required' });
    assert.deepEqual(p('published', 'unpublished', { reason: '   ' }), { reason: 'reason_required' });
    assert.deepEqual(p('published', 'unpublished', { reason: 'خطای آماری در متن' }), {});
    assert.deepEqual(p('published', 'unpublished', { reason: 'ب'.repeat(501) }), { reason: 'reason_long' });
    assert.deepEqual(p('published', 'draft'), { status: 'not_allowed' });
    assert.deepEqual(p('draft', 'unpublished', { reason: 'x' }), { status: 'not_allowed' });
    assert.deepEqual(p('draft', 'archived'), { status: 'invalid' });
  });

  test('a scheduled article is public once its time has come, whatever is stored', () => {
    assert.equal(effectiveStatus({ status: 'scheduled', publish_at: later }, now), 'scheduled');
    assert.equal(effectiveStatus({ status: 'scheduled', publish_at: now }, now), 'published');
    assert.equal(effectiveStatus({ status: 'scheduled', publish_at: earlier }, now), 'published');
    assert.equal(effectiveStatus({ status: 'draft', publish_at: earlier }, now), 'draft', 'a draft with a planned time stays a draft');
    assert.equal(effectiveStatus({ status: 'unpublished', publish_at: earlier }, now), 'unpublished');
    assert.ok(isPublicAt({ status: 'published', publish_at: null }, now));
    assert.ok(!isPublicAt({ status: 'scheduled', publish_at: later }, now));
    assert.equal(publicTime({ published_at: null, publish_at: earlier }), earlier);
    assert.equal(publicTime({ published_at: now, publish_at: earlier }), now);
  });

  test('each move writes its times: publishing now, restoring with the original date, taking down', () => {
    const draft = { status: 'draft' as const, publish_at: null, published_at: null };
    assert.deepEqual(transitionPatch(draft, 'published', now), { publish_at: now, published_at: now, unpublished_at: null });
    assert.deepEqual(transitionPatch(draft, 'scheduled', now), { published_at: null, unpublished_at: null });
    const down = { status: 'unpublished' as const, publish_at: earlier, published_at: earlier };
    assert.deepEqual(transitionPatch(down, 'published', now), { unpublished_at: null }, 'restored under its first date');
    // A due scheduled article taken down keeps the time it went public.
    const due = { status: 'scheduled' as const, publish_at: earlier, published_at: null };
    assert.deepEqual(transitionPatch(due, 'unpublished', now), { unpublished_at: now, published_at: earlier });
    assert.deepEqual(transitionPatch(down, 'draft', now), {});
  });
});
