// The rules of an article as the desk writes it: pure (no I/O), so they are tested alone and the
// operations only add what needs the database (related plans, meetings and places).

import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliNumeric, jalaliDayStartUtc, jalaliPartsOf, parseJalaliDate } from '../platform/persian/jalali.ts';
import { matchKey, normalizePersian } from '../platform/persian/normalize.ts';
import { normalizeMarkdown } from '../platform/views/markdown.ts';
import { sniffPhotoType, type PhotoType } from '../needs/need-input.ts';
import type { ArticleLinkKind } from './news.tables.ts';

export const OVERLINE_MAX = 120;
export const TITLE_MAX = 200;
export const LEAD_MAX = 600;
export const BODY_MAX = 50_000;
export const DATELINE_MAX = 60;
export const TAGS_MAX = 10;
export const TAG_MAX = 40;
export const CAPTION_MAX = 300;
export const LINKS_MAX = 20;
export const COVER_MAX_BYTES = 5 * 1024 * 1024;

export type ArticleInput = {
  overline: string;
  title: string;
  lead: string;
  body: string;
  dateline: string;
  /** Jalali date as typed (۱۴۰۵/۰۳/۲۸ and variants); with the time, when the article goes public. */
  publishDate: string;
  /** Tehran wall-clock time as typed (۱۴:۳۰). */
  publishTime: string;
  /** Comma- or «،»-separated. */
  tags: string;
  cover: Buffer | null;
  coverCaption: string;
  removeCover: boolean;
  plans: readonly string[];
  meetings: readonly string[];
  places: readonly string[];
};

export type CheckedArticle = {
  overline: string;
  title: string;
  lead: string;
  body: string;
  dateline: string;
  publishAt: string | null;
  /** matchKey of each tag, in the order typed, without repeats. */
  tags: string[];
  cover: { bytes: Buffer; type: PhotoType } | null;
  coverCaption: string;
  removeCover: boolean;
  links: Record<ArticleLinkKind, number[]>;
};

export type ArticleInputProblem = 'validation' | 'payload_too_large' | 'unsupported_media_type';

const oneLine = (s: string) => normalizePersian(s).replace(/\s+/g, ' ');

/** Tags from what was typed: split on commas (Latin or Persian), «؛» or lines; a leading # is dropped. */
export function parseTags(raw: string): string[] {
  const keys: string[] = [];
  for (const part of raw.split(/[,،؛;\n]+/)) {
    const key = matchKey(part.replace(/^\s*#+/, ''));
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

const TIME_INPUT = /^(\d{1,2})\s*[:.]\s*(\d{2})$/;

/** A typed Tehran time (۹:۰۵, 14.30 …) as minutes after midnight, or null. */
export function parseTime(raw: string): number | null {
  const m = TIME_INPUT.exec(toAsciiDigits(raw.normalize('NFKC')).trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/** The instant of a Jalali day and Tehran time, as ISO UTC. */
export function jalaliInstant(date: { jy: number; jm: number; jd: number }, minutes: number): string {
  return new Date(Date.parse(jalaliDayStartUtc(date)) + minutes * 60_000).toISOString();
}

const tehranTime = new Intl.DateTimeFormat('en-US-u-nu-latn', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as the form shows it again: Jalali date and Tehran time, Persian digits. */
export function dateTimeFields(iso: string | null): { publishDate: string; publishTime: string } {
  if (!iso) return { publishDate: '', publishTime: '' };
  const parts = Object.fromEntries(tehranTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { publishDate: formatJalaliNumeric(jalaliPartsOf(iso)), publishTime: toPersianDigits(`${parts.hour}:${parts.minute}`) };
}

function ids(raw: readonly string[]): { ids: number[]; bad: boolean } {
  const out: number[] = [];
  let bad = false;
  for (const r of raw) {
    const s = toAsciiDigits(r.trim());
    if (!s) continue;
    if (!/^\d{1,9}$/.test(s)) bad = true;
    else if (!out.includes(Number(s))) out.push(Number(s));
  }
  return { ids: out, bad };
}

/**
 * Normalizes and checks what was typed. Errors are Persian messages by form field; the value is
 * meaningful only when there are none. `hasCover` says whether the article already has a cover
 * (its caption is then still required unless the cover is removed).
 */
export function checkArticleInput(input: ArticleInput, o: { hasCover: boolean }): { value: CheckedArticle; errors: Record<string, string>; problem: ArticleInputProblem } {
  const errors: Record<string, string> = {};
  const overline = oneLine(input.overline);
  const title = oneLine(input.title);
  const lead = oneLine(input.lead);
  const body = normalizeMarkdown(input.body);
  const dateline = oneLine(input.dateline);
  const coverCaption = oneLine(input.coverCaption);
  const long = (field: string, value: string, max: number) => {
    if (value.length > max) errors[field] = t('news.error.too_long', { max, length: value.length });
  };
  long('overline', overline, OVERLINE_MAX);
  if (!title) errors.title = t('news.error.title_required');
  else long('title', title, TITLE_MAX);
  long('lead', lead, LEAD_MAX);
  long('body', body, BODY_MAX);
  long('dateline', dateline, DATELINE_MAX);
  long('cover_caption', coverCaption, CAPTION_MAX);

  let publishAt: string | null = null;
  const dateRaw = input.publishDate.trim();
  const timeRaw = input.publishTime.trim();
  if (dateRaw || timeRaw) {
    const date = parseJalaliDate(dateRaw);
    const minutes = timeRaw ? parseTime(timeRaw) : null;
    if (!date.ok) errors.publish_date = date.error === 'empty' ? t('news.error.date_required') : date.error === 'format' ? t('news.error.date_format') : t('news.error.date_invalid');
    if (!timeRaw) errors.publish_time = t('news.error.time_required');
    else if (minutes === null) errors.publish_time = t('news.error.time_format');
    if (date.ok && minutes !== null) publishAt = jalaliInstant(date.value, minutes);
  }

  const tags = parseTags(input.tags);
  if (tags.length > TAGS_MAX) errors.tags = t('news.error.tags_many', { max: TAGS_MAX });
  else if (tags.some((x) => x.length > TAG_MAX)) errors.tags = t('news.error.tag_long', { max: TAG_MAX });

  const links = { plan: ids(input.plans), meeting: ids(input.meetings), place: ids(input.places) };
  for (const [kind, field] of [['plan', 'plans'], ['meeting', 'meetings'], ['place', 'places']] as const) {
    if (links[kind].bad) errors[field] = t('news.error.link_invalid');
    else if (links[kind].ids.length > LINKS_MAX) errors[field] = t('news.error.links_many', { max: LINKS_MAX });
  }

  let cover: CheckedArticle['cover'] = null;
  let problem: ArticleInputProblem = 'validation';
  const bytes = input.cover && input.cover.length > 0 ? input.cover : null;
  if (bytes) {
    const type = sniffPhotoType(bytes);
    if (bytes.length > COVER_MAX_BYTES) {
      errors.cover = t('news.error.cover_large', { max: toPersianDigits(COVER_MAX_BYTES / (1024 * 1024)) });
      problem = 'payload_too_large';
    } else if (!type) {
      errors.cover = t('news.error.cover_type');
      problem = 'unsupported_media_type';
    } else cover = { bytes, type };
  }
  const willHaveCover = bytes !== null || (o.hasCover && !input.removeCover);
  if (willHaveCover && !coverCaption && !errors.cover) errors.cover_caption = t('news.error.caption_required');
  if (Object.keys(errors).length > 1 || !errors.cover) problem = 'validation';

  return {
    value: {
      overline, title, lead, body, dateline, publishAt, tags, cover,
      coverCaption: willHaveCover ? coverCaption : '',
      removeCover: input.removeCover && bytes === null,
      links: { plan: links.plan.ids, meeting: links.meeting.ids, place: links.place.ids },
    },
    errors,
    problem,
  };
}
