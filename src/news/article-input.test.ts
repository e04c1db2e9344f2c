import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArticleInput, dateTimeFields, jalaliInstant, parseTags, parseTime, type ArticleInput } from './article-input.ts';
import { firstParagraph, valuesFromMeeting } from './load-news-pages.ts';
import { shareLinks } from './share.ts';

const input = (o: Partial<ArticleInput> = {}): ArticleInput => ({
  overline: '', title: 'تیتر خبر', lead: '', body: '', dateline: 'قزوین', publishDate: '', publishTime: '', tags: '', cover: null, coverCaption: '',
  removeCover: false, plans: [], meetings: [], places: [], ...o,
});
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);

describe('what the desk types', () => {
  test('tags split on Latin and Persian commas, lose a leading #, are normalized and never repeat', () => {
    assert.deepEqual(parseTags('فراخوان، #بودجه‌ريزي مشارکتی, فراخوان ; ستاد\nكودكان'), ['فراخوان', 'بودجه ریزی مشارکتی', 'ستاد', 'کودکان']);
    assert.deepEqual(parseTags(' ، , '), []);
  });

  test('times in any digits, 00:00 to 23:59', () => {
    assert.equal(parseTime('۰۹:۳۰'), 9 * 60 + 30);
    assert.equal(parseTime('14.05'), 14 * 60 + 5);
    assert.equal(parseTime('٢٣:٥٩'), 23 * 60 + 59);
    assert.equal(parseTime('24:00'), null);
    assert.equal(parseTime('9'), null);
  });

  test('a Jalali date and Tehran time become a UTC instant and come back the same', () => {
    // 28 Khordad 1405 09:30 in Tehran (UTC+03:30) is 06:00 UTC on 18 June 2026.
    assert.equal(jalaliInstant({ jy: 1405, jm: 3, jd: 28 }, 9 * 60 + 30), '2026-06-18T06:00:00.000Z');
    assert.deepEqual(dateTimeFields('2026-06-18T06:00:00.000Z'), { publishDate: '۱۴۰۵/۰۳/۲۸', publishTime: '۰۹:۳۰' });
    const back = checkArticleInput(input({ ...dateTimeFields('2026-06-18T20:45:00.000Z') }), { hasCover: false });
    assert.equal(back.value.publishAt, '2026-06-18T20:45:00.000Z');
  });

  test('limits and required fields give Persian errors by field; text is normalized', () => {
    const r = checkArticleInput(input({ title: '  ', overline: 'ر'.repeat(121), lead: 'ل'.repeat(601), publishDate: '1405/07/31', publishTime: '' }), { hasCover: false });
    assert.deepEqual(Object.keys(r.errors).sort(), ['lead', 'overline', 'publish_date', 'publish_time', 'title']);
    assert.match(r.errors.overline!, /۱۲۰/);
    const ok = checkArticleInput(input({ title: 'كلاس   مهارت زندگي', tags: 'الف' }), { hasCover: false });
    assert.deepEqual(ok.errors, {});
    assert.equal(ok.value.title, 'کلاس مهارت زندگی');
    assert.equal(checkArticleInput(input({ tags: Array.from({ length: 11 }, (_, i) => `برچسب ${i}`).join('،') }), { hasCover: false }).errors.tags !== undefined, true);
    assert.equal(checkArticleInput(input({ plans: ['۱۲', 'x'] }), { hasCover: false }).errors.plans !== undefined, true);
    assert.deepEqual(checkArticleInput(input({ plans: ['۱۲', '12', ''] }), { hasCover: false }).value.links.plan, [12]);
  });

  test('a cover is sniffed from its bytes and needs a caption; removing it drops the caption', () => {
    assert.ok(checkArticleInput(input({ cover: PNG }), { hasCover: false }).errors.cover_caption);
    assert.ok(checkArticleInput(input(), { hasCover: true }).errors.cover_caption, 'an existing cover needs its caption too');
    const removed = checkArticleInput(input({ removeCover: true, coverCaption: 'قدیمی' }), { hasCover: true });
    assert.deepEqual(removed.errors, {});
    assert.equal(removed.value.coverCaption, '');
    const wrong = checkArticleInput(input({ cover: Buffer.from('%PDF-1.4'), coverCaption: 'زیرنویس' }), { hasCover: false });
    assert.equal(wrong.problem, 'unsupported_media_type');
    const big = checkArticleInput(input({ cover: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), coverCaption: 'زیرنویس' }), { hasCover: false });
    assert.equal(big.problem, 'payload_too_large');
    const good = checkArticleInput(input({ cover: PNG, coverCaption: 'زیرنویس' }), { hasCover: false });
    assert.equal(good.value.cover?.type, 'image/png');
  });
});

describe('drafting from a meeting and sharing', () => {
  test('the first paragraph of a summary, as plain text', () => {
    assert.equal(firstParagraph('## خلاصه\n\n- ستاد **سه طرح** را [پذیرفت](/plans/1).\n- دومی\n\nبند دیگر'), 'ستاد سه طرح را پذیرفت. دومی');
    assert.equal(firstParagraph(''), '');
  });

  test('a meeting prefills overline, title, lead and body within their limits', () => {
    const v = valuesFromMeeting({ id: 3, title: 'جلسهٔ دوم ستاد', starts_at: '2026-06-10T05:30:00.000Z', venue: 'استانداری', public_summary: 'ستاد تصمیم گرفت.\n\nبند دوم' });
    assert.equal(v.overline, 'جلسهٔ ستاد توانمندسازی محلات، ۲۰ خرداد ۱۴۰۵');
    assert.equal(v.title, 'گزارش جلسهٔ دوم ستاد');
    assert.equal(v.lead, 'جلسهٔ دوم ستاد روز ۲۰ خرداد ۱۴۰۵ در استانداری برگزار شد. ستاد تصمیم گرفت.');
    assert.equal(v.body, 'بند دوم', 'the paragraph in the lead is not repeated in the body');
    assert.deepEqual(v.meetings, ['3']);
    const long = valuesFromMeeting({ id: 3, title: 'ج'.repeat(300), starts_at: '2026-06-10T05:30:00.000Z', venue: '', public_summary: 'س '.repeat(400) });
    assert.ok(long.title.length <= 200 && long.lead.length <= 600);
  });

  test('share links carry the address and title encoded, nothing else', () => {
    const links = shareLinks('https://example.org/news/100001?a=1&b=2', 'ستاد & «شورا»');
    assert.equal(links.telegram, 'https://t.me/share/url?url=https%3A%2F%2Fexample.org%2Fnews%2F100001%3Fa%3D1%26b%3D2&text=%D8%B3%D8%AA%D8%A7%D8%AF%20%26%20%C2%AB%D8%B4%D9%88%D8%B1%D8%A7%C2%BB');
    for (const href of Object.values(links)) {
      assert.doesNotMatch(href, /[\s<>"]|javascript:/);
      assert.ok(href.includes('https%3A%2F%2Fexample.org%2Fnews%2F100001'), href);
    }
  });
});
