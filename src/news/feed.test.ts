import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testDialect } from '../platform/db/testing.ts';
import { dateTimeFields } from './article-input.ts';
import { buildRss, escapeXml, rfc822, type FeedItem } from './feed.ts';
import { FEED_SIZE } from './news.repo.ts';
import { createNewsWorld, type NewsWorld } from './news-test-setup.ts';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

type Parsed = {
  rss: {
    '@_version': string;
    channel: {
      title: string; link: string; description: string; language: string; lastBuildDate: string;
      'atom:link': { '@_href': string; '@_rel': string; '@_type': string };
      item?: { title: string; link: string; guid: { '#text': string; '@_isPermaLink': string }; description: string; pubDate: string; category?: string[] }[];
    };
  };
};

/** Parses with a real XML parser after checking the document is well-formed. */
function parse(xml: string): Parsed {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `well-formed XML: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, isArray: (name) => name === 'item' || name === 'category' });
  return parser.parse(xml) as Parsed;
}

const secondOf = (iso: string) => Math.floor(Date.parse(iso) / 1000) * 1000;

describe('the RSS builder, pure', () => {
  const channel = { title: 'اخبار محله', link: 'https://example.org/news', self: 'https://example.org/feed.xml', description: 'خبرها', now: '2026-06-18T08:00:00.000Z' };

  test('RFC 822 dates in GMT, as toUTCString writes them', () => {
    assert.equal(rfc822('2026-06-18T08:05:09.500Z'), 'Thu, 18 Jun 2026 08:05:09 GMT');
    assert.match(rfc822('2026-01-01T00:00:00.000Z'), RFC822);
  });

  test('escaping: markup characters become entities and characters XML forbids are dropped', () => {
    assert.equal(escapeXml(`a & b < c > d "e" 'f'`), 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    assert.equal(escapeXml('خبر\u0000\u0008 تازه\uFFFF'), 'خبر تازه');
  });

  test('an empty feed is a valid channel whose build date is now', () => {
    const doc = parse(buildRss(channel, []));
    assert.equal(doc.rss['@_version'], '2.0');
    assert.equal(doc.rss.channel.language, 'fa');
    assert.equal(doc.rss.channel.lastBuildDate, 'Thu, 18 Jun 2026 08:00:00 GMT');
    assert.equal(doc.rss.channel.item, undefined);
  });

  test('items carry their fields; a title with & and < survives the round trip', () => {
    const items: FeedItem[] = [
      { title: 'ستاد & شورا <ویژه> «بودجه»', link: 'https://example.org/news/100002?a=1&b=2', description: 'لید با <b>برچسب</b> & نشانه', published: '2026-06-17T10:30:15.250Z', categories: ['فراخوان', 'ستاد & شورا'] },
      { title: 'خبر دوم', link: 'https://example.org/news/100001', description: '', published: '2026-06-16T06:00:00.000Z', categories: [] },
    ];
    const xml = buildRss(channel, items);
    assert.ok(!xml.includes('<ویژه>'), 'raw markup never reaches the document');
    const doc = parse(xml);
    const c = doc.rss.channel;
    assert.equal(c['atom:link']['@_href'], 'https://example.org/feed.xml');
    assert.equal(c['atom:link']['@_rel'], 'self');
    assert.equal(c.lastBuildDate, rfc822(items[0]!.published), 'the newest item dates the build');
    const [first, second] = c.item!;
    assert.equal(first!.title, items[0]!.title);
    assert.equal(first!.link, items[0]!.link);
    assert.equal(first!.guid['#text'], items[0]!.link);
    assert.equal(first!.guid['@_isPermaLink'], 'true');
    assert.equal(first!.description, items[0]!.description);
    assert.deepEqual(first!.category, ['فراخوان', 'ستاد & شورا']);
    assert.match(first!.pubDate, RFC822);
    assert.equal(Date.parse(first!.pubDate), secondOf(items[0]!.published));
    assert.equal(second!.category, undefined);
  });
});

describe(`/feed.xml on ${testDialect()}`, () => {
  let w: NewsWorld;
  before(async () => {
    w = await createNewsWorld();
  });
  after(() => w.close());

  test('the latest public articles, newest first, with correct dates, tags and escaping; drafts and future ones left out', async () => {
    const published: { code: number; at: string; title: string }[] = [];
    for (let i = 0; i < FEED_SIZE + 2; i++) {
      w.h.clock.advance(3600);
      const title = i === FEED_SIZE + 1 ? 'ستاد & شورا <ویژه> تصمیم گرفت' : `خبر منتشرشدهٔ شمارهٔ ${i + 1}`;
      const made = await w.article({ title, tags: i % 2 ? 'فراخوان، ستاد' : '', intent: 'publish' });
      published.push({ code: made.newsCode, at: w.h.clock.now().toISOString(), title });
    }
    await w.article({ title: 'پیش‌نویسی که نباید در خوراک باشد' });
    const tomorrow = new Date(w.h.clock.now().getTime() + 86_400_000).toISOString();
    await w.article({ title: 'خبر زمان‌بندی‌شده برای فردا', ...dateTimeFields(tomorrow), intent: 'schedule' });

    const res = await w.h.app.inject({ url: '/feed.xml' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const doc = parse(res.body);
    const c = doc.rss.channel;
    assert.equal(c.link, 'https://mahalle.example.org/news');
    assert.equal(c['atom:link']['@_href'], 'https://mahalle.example.org/feed.xml');
    assert.equal(c.language, 'fa');
    const items = c.item!;
    assert.equal(items.length, FEED_SIZE);
    const expected = [...published].reverse().slice(0, FEED_SIZE);
    assert.deepEqual(items.map((i) => i.link), expected.map((p) => `https://mahalle.example.org/news/${p.code}`));
    for (const [i, item] of items.entries()) {
      assert.match(item.pubDate, RFC822);
      assert.equal(Date.parse(item.pubDate), secondOf(expected[i]!.at), `pubDate of ${item.link}`);
      assert.equal(item.guid['#text'], item.link);
    }
    assert.equal(items[0]!.title, 'ستاد & شورا <ویژه> تصمیم گرفت');
    assert.equal(c.lastBuildDate, items[0]!.pubDate);
    assert.deepEqual([...items[0]!.category!].sort(), ['ستاد', 'فراخوان']);
    assert.equal(items[1]!.category, undefined);
    assert.ok(!res.body.includes('پیش‌نویسی') && !res.body.includes('فردا'));
  });
});
