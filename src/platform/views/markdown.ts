// Markdown written by staff (meeting minutes, public summaries, news bodies) rendered to HTML
// without raw HTML: tags people type are shown as text, links go only to the web, mail or this
// site, headings start below the page's own <h1>/<h2>, and numbers in the text read in Persian
// digits (stored text keeps ASCII digits, as normalizePersian leaves them).

import MarkdownIt from 'markdown-it';
import { toPersianDigits } from '../persian/digits.ts';
import { normalizePersian } from '../persian/normalize.ts';

const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/(?![/\\])|#)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether a link target is safe to put in an href: http(s), mailto, a same-site path or a fragment. */
export function isSafeLink(url: string): boolean {
  const u = url.trim();
  if (SAFE_LINK.test(u)) return true;
  // Relative paths such as «plans/12» have no scheme; «javascript:», «data:», «vbscript:» do.
  return u !== '' && !HAS_SCHEME.test(u) && !u.startsWith('//') && !u.startsWith('\\');
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = isSafeLink;
// Images would load from anywhere the writer names (and the CSP blocks most of them): text only.
md.disable(['image']);

const renderDefault: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (/^https?:\/\//i.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'nofollow noopener noreferrer');
  return renderDefault(tokens, idx, options, env, self);
};

// A page has its own <h1> and section <h2>s: a «#» in the text becomes <h3>, «##» <h4> and so on.
const shifted = (tag: string) => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
md.renderer.rules.heading_open = (tokens, idx) => `<${shifted(tokens[idx]!.tag)}>`;
md.renderer.rules.heading_close = (tokens, idx) => `</${shifted(tokens[idx]!.tag)}>\n`;

// Persian digits in running text, but not inside links (a URL shown as text) or code.
md.core.ruler.push('persian_digits', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let inLink = 0;
    for (const tok of block.children) {
      if (tok.type === 'link_open') inLink++;
      else if (tok.type === 'link_close') inLink--;
      else if (tok.type === 'text' && inLink === 0) tok.content = toPersianDigits(tok.content);
    }
  }
});

/** Renders staff-written markdown to safe HTML (no raw HTML, safe links, headings from <h3>). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/**
 * normalizePersian for markdown source: each line's text is normalised, but its leading
 * indentation (nested lists, code blocks) is kept and blank lines between paragraphs survive.
 */
export function normalizeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ');
      const rest = normalizePersian(line);
      return rest ? indent + rest : '';
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
