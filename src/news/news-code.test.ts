import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialect } from '../platform/db/testing.ts';
import { FIRST_NEWS_CODE, isNewsCodeConflict, nextNewsCode, withNewsCodeRetry } from './news-code.ts';
import { insertArticle, largestNewsCode } from './news.repo.ts';
import { createNewsWorld, type NewsWorld } from './news-test-setup.ts';

describe('news codes, pure', () => {
  test('the first code is 100001, then the one after the largest', () => {
    assert.equal(nextNewsCode(null), FIRST_NEWS_CODE);
    assert.equal(FIRST_NEWS_CODE, 100001);
    assert.equal(nextNewsCode(100001), 100002);
    assert.equal(nextNewsCode(250000), 250001);
    assert.equal(nextNewsCode(7), FIRST_NEWS_CODE, 'codes below the start (imported data) do not pull the sequence down');
  });

  test('a unique violation of news_code is recognised on both dialects, nothing else is', () => {
    assert.ok(isNewsCodeConflict({ code: '23505', constraint: 'articles_news_code_key', message: 'duplicate key value violates unique constraint "articles_news_code_key"' }));
    assert.ok(isNewsCodeConflict({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: articles.news_code' }));
    assert.ok(!isNewsCodeConflict({ code: '23505', constraint: 'article_tags_pk', message: 'duplicate key' }));
    assert.ok(!isNewsCodeConflict({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: users.email' }));
    assert.ok(!isNewsCodeConflict(new Error('boom')));
    assert.ok(!isNewsCodeConflict(null));
  });

  test('a lost race is retried with a fresh attempt; other errors and endless losses are thrown', async () => {
    const conflict = Object.assign(new Error('UNIQUE constraint failed: articles.news_code'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    let calls = 0;
    const pauses: number[] = [];
    const value = await withNewsCodeRetry(async () => {
      calls++;
      if (calls < 3) throw conflict;
      return 'saved';
    }, { pause: async (n) => { pauses.push(n); } });
    assert.equal(value, 'saved');
    assert.equal(calls, 3);
    assert.deepEqual(pauses, [1, 2]);

    let other = 0;
    await assert.rejects(withNewsCodeRetry(async () => { other++; throw new Error('disk full'); }, { pause: async () => {} }), /disk full/);
    assert.equal(other, 1, 'not retried');

    let always = 0;
    await assert.rejects(withNewsCodeRetry(async () => { always++; throw conflict; }, { attempts: 4, pause: async () => {} }), /news_code/);
    assert.equal(always, 4);
  });
});

describe(`news codes on ${testDialect()}`, () => {
  let w: NewsWorld;
  before(async () => {
    w = await createNewsWorld();
  });
  after(() => w.close());

  test('parallel creations get distinct, consecutive codes', async () => {
    const n = 16;
    const made = await Promise.all(Array.from({ length: n }, (_, i) => w.article({ title: `خبر شمارهٔ ${i + 1} از میز خبر` })));
    const codes = made.map((m) => m.newsCode).sort((a, b) => a - b);
    assert.equal(new Set(codes).size, n, `distinct: ${codes.join(', ')}`);
    assert.deepEqual(codes, Array.from({ length: n }, (_, i) => FIRST_NEWS_CODE + i));
    const rows = await w.db.selectFrom('articles').select(['id', 'news_code']).execute();
    assert.equal(rows.length, n, 'every creation stored exactly one article');
    const audits = await w.db.selectFrom('audit_log').select('id').where('action', '=', 'article.created').execute();
    assert.equal(audits.length, n);
  });

  const row = { overline: '', title: 'تکراری', lead: '', body: '', dateline: '', publishAt: null, coverKey: null, coverType: null, coverCaption: '', searchKey: '', meetingId: null };

  test('the unique index is the guarantee: a second row with a used code is refused and recognised', async () => {
    const now = w.h.clock.now().toISOString();
    await assert.rejects(insertArticle(w.db, { ...row, newsCode: FIRST_NEWS_CODE, authorId: null, now }), (err) => isNewsCodeConflict(err));
  });

  test('a desk that loses the race for a code (another desk took it between read and write) retries and gets the next', async () => {
    const now = w.h.clock.now().toISOString();
    let tries = 0;
    const code = await withNewsCodeRetry(async () => {
      tries++;
      const mine = nextNewsCode(await largestNewsCode(w.db));
      // The other desk writes the same code first.
      if (tries === 1) await insertArticle(w.db, { ...row, title: 'میز دیگر', newsCode: mine, authorId: null, now });
      await insertArticle(w.db, { ...row, title: 'میز ما', newsCode: mine, authorId: null, now });
      return mine;
    }, { pause: async () => {} });
    assert.equal(tries, 2);
    const rows = await w.db.selectFrom('articles').select(['title', 'news_code']).where('title', 'in', ['میز دیگر', 'میز ما']).orderBy('news_code').execute();
    assert.deepEqual(rows.map((r) => [r.title, Number(r.news_code)]), [['میز دیگر', code - 1], ['میز ما', code]]);
  });
});
