import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSafeLink, normalizeMarkdown, renderMarkdown } from './markdown.ts';

test('raw HTML is shown as text, never as markup', () => {
  const html = renderMarkdown('سلام <script>alert(1)</script> و <img src=x onerror=alert(1)> **پررنگ**');
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;script&gt;alert\(۱\)&lt;\/script&gt;/);
  assert.match(html, /<strong>پررنگ<\/strong>/);
});

test('only web, mail and same-site links survive; javascript:, data: and vbscript: do not', () => {
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', '//evil.example/x']) {
    assert.equal(isSafeLink(bad), false, bad);
    const html = renderMarkdown(`[پیوند](${bad})`);
    assert.doesNotMatch(html, /<a /, bad);
    assert.doesNotMatch(html, /href="(javascript|data|vbscript)/i, bad);
  }
  assert.doesNotMatch(renderMarkdown('<a href="javascript:alert(1)">x</a>'), /<a /);
  assert.doesNotMatch(renderMarkdown('[x](java\tscript:alert(1))'), /href=/);
  for (const good of ['https://example.org/a', 'mailto:a@example.org', '/plans/12', '#minutes', 'plans/12']) assert.equal(isSafeLink(good), true, good);
  const external = renderMarkdown('[سایت](https://example.org/x)');
  assert.match(external, /<a href="https:\/\/example.org\/x" rel="nofollow noopener noreferrer">سایت<\/a>/);
  assert.match(renderMarkdown('[طرح](/plans/12)'), /<a href="\/plans\/12">طرح<\/a>/);
  assert.match(renderMarkdown('نشانی https://example.org/news/5 را ببینید'), /<a href="https:\/\/example.org\/news\/5"[^>]*>https:\/\/example.org\/news\/5<\/a>/);
});

test('images are not rendered; headings start at <h3>; digits read in Persian outside links and code', () => {
  assert.doesNotMatch(renderMarkdown('![عکس](https://example.org/x.png)'), /<img/);
  assert.match(renderMarkdown('# دستور جلسه'), /<h3>دستور جلسه<\/h3>/);
  assert.match(renderMarkdown('### بند'), /<h5>بند<\/h5>/);
  assert.match(renderMarkdown('###### ریز'), /<h6>ریز<\/h6>/);
  assert.match(renderMarkdown('1. بند 12 مصوب شد'), /<ol>\s*<li>بند ۱۲ مصوب شد<\/li>/);
  assert.match(renderMarkdown('کد `x1`'), /<code>x1<\/code>/);
});

test('normalizeMarkdown normalises the text but keeps list indentation and paragraphs', () => {
  assert.equal(normalizeMarkdown('- يك\r\n  - دو  سه\n\n\n\nپاراگراف ۲'), '- یک\n  - دو سه\n\nپاراگراف 2');
  assert.match(renderMarkdown(normalizeMarkdown('- یک\n  - دو')), /<ul>\s*<li>یک\s*<ul>\s*<li>دو<\/li>/);
});
