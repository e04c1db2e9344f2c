// The RSS 2.0 feed of the news desk, built as text: pure, so its structure, dates and escaping
// are tested by parsing what it returns.

/** Characters XML 1.0 does not allow at all (control characters, unpaired surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** RFC 822 date as RSS 2.0 wants it, in GMT: `Thu, 18 Jun 2026 08:00:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export type FeedItem = {
  title: string;
  /** Absolute address of the article; also its guid. */
  link: string;
  description: string;
  /** ISO instant it went public. */
  published: string;
  categories: string[];
};

export type FeedChannel = {
  title: string;
  /** Absolute address of the news page. */
  link: string;
  /** Absolute address of the feed itself (atom:link rel="self"). */
  self: string;
  description: string;
  /** Used when there are no items; otherwise the newest item's date is the build date. */
  now: string;
};

/** An RSS 2.0 document with an atom:link to itself, language fa, items newest first as given. */
export function buildRss(channel: FeedChannel, items: readonly FeedItem[]): string {
  const lastBuild = items.reduce((latest, i) => (i.published > latest ? i.published : latest), items.length ? items[0]!.published : channel.now);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.link)}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    '<language>fa</language>',
    `<lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>`,
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const i of items) {
    out.push(
      '<item>',
      `<title>${escapeXml(i.title)}</title>`,
      `<link>${escapeXml(i.link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(i.link)}</guid>`,
      `<description>${escapeXml(i.description)}</description>`,
      `<pubDate>${rfc822(i.published)}</pubDate>`,
      ...i.categories.map((c) => `<category>${escapeXml(c)}</category>`),
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
