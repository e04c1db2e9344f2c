// What creating and updating an article share: the intents of the form's buttons, the check of
// related plans, meetings and places, and the row written from a checked form.

import type { Db } from '../platform/db/database.ts';
import { t } from '../platform/i18n/t.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { CheckedArticle } from './article-input.ts';
import { linkableIds, type ArticleWrite } from './news.repo.ts';
import type { ArticleLinkKind } from './news.tables.ts';

/** The form's buttons: keep the state, schedule at the typed time, or publish now. */
export const articleIntents = ['save', 'schedule', 'publish'] as const;
export type ArticleIntent = (typeof articleIntents)[number];
export const asIntent = (s: string): ArticleIntent => ((articleIntents as readonly string[]).includes(s) ? (s as ArticleIntent) : 'save');

const fieldOf: Record<ArticleLinkKind, string> = { plan: 'plans', meeting: 'meetings', place: 'places' };
const notLinkable = { plan: 'news.error.link_plan', meeting: 'news.error.link_meeting', place: 'news.error.link_place' } as const;

/**
 * Errors for links the public could not follow: plans that are not public, meetings that are not
 * published, places that do not exist. The meeting an article was drafted from must be published too.
 */
export async function linkErrors(db: Db, links: CheckedArticle['links'], meetingId: number | null): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const wanted = { ...links, meeting: meetingId !== null && !links.meeting.includes(meetingId) ? [...links.meeting, meetingId] : links.meeting };
  for (const kind of ['plan', 'meeting', 'place'] as const) {
    const ids = wanted[kind];
    if (!ids.length) continue;
    const ok = await linkableIds(db, kind, ids);
    if (ok.length !== ids.length) errors[fieldOf[kind]] = t(notLinkable[kind]);
  }
  return errors;
}

/** The links stored: the meeting an article was drafted from is always among its meetings. */
export function linksWithMeeting(links: CheckedArticle['links'], meetingId: number | null): CheckedArticle['links'] {
  return meetingId !== null && !links.meeting.includes(meetingId) ? { ...links, meeting: [meetingId, ...links.meeting] } : links;
}

export function articleWrite(v: CheckedArticle, cover: { key: string | null; type: string | null }, meetingId: number | null): ArticleWrite {
  return {
    overline: v.overline, title: v.title, lead: v.lead, body: v.body, dateline: v.dateline, publishAt: v.publishAt,
    coverKey: cover.key, coverType: cover.type, coverCaption: cover.key ? v.coverCaption : '',
    searchKey: matchKey(`${v.overline} ${v.title} ${v.lead} ${v.body} ${v.tags.join(' ')}`), meetingId,
  };
}
