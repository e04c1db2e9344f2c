import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { normalizeMarkdown } from '../platform/views/markdown.ts';
import { idOf, invalid, meetingToManage } from './meeting-access.ts';
import { agendaKinds, type AgendaKind } from './meetings.tables.ts';
import { agendaOf, insertAgendaItem, referenceTitle } from './meetings.repo.ts';

export const AGENDA_TITLE_MAX = 300;
export const AGENDA_NOTES_MAX = 2000;
export const AGENDA_ITEMS_MAX = 50;

/**
 * Adds an item at the end of a meeting's agenda: a plan awaiting determination, a call's
 * compliance report, a residents' need, a resolution to review, or any other subject. A linked item
 * takes its subject's title unless one is typed; the same subject is not put on an agenda twice.
 * Fields: item_kind, item_ref, item_title, item_notes.
 */
export async function addAgendaItem(
  ctx: OpContext,
  actor: Actor,
  meetingId: number,
  input: { kind: string; refId: string; title: string; notes: string },
): Promise<{ id: number }> {
  await meetingToManage(ctx, actor, meetingId);
  const errors: Record<string, string> = {};
  const kind = (agendaKinds as readonly string[]).includes(input.kind) ? (input.kind as AgendaKind) : null;
  if (!kind) errors.item_kind = t('meetings.error.agenda_kind');
  let title = normalizePersian(input.title);
  const notes = normalizeMarkdown(input.notes);
  let refId: number | null = null;
  const agenda = await agendaOf(ctx.db, meetingId);
  if (kind && kind !== 'other') {
    refId = idOf(input.refId);
    const refTitle = refId === null ? undefined : await referenceTitle(ctx.db, kind, refId);
    if (refTitle === undefined) errors.item_ref = t('meetings.error.agenda_ref');
    else if (agenda.some((a) => a.kind === kind && a.ref_id === refId)) errors.item_ref = t('meetings.error.agenda_duplicate');
    else if (!title) title = kind === 'compliance' ? t('meetings.agenda.compliance_title', { title: normalizePersian(refTitle) }) : normalizePersian(refTitle).slice(0, AGENDA_TITLE_MAX);
  }
  if (kind && title.length < 3) errors.item_title = t('meetings.error.agenda_title');
  else if (title.length > AGENDA_TITLE_MAX) errors.item_title = t('meetings.error.text_long', { max: AGENDA_TITLE_MAX });
  if (notes.length > AGENDA_NOTES_MAX) errors.item_notes = t('meetings.error.text_long', { max: AGENDA_NOTES_MAX });
  if (agenda.length >= AGENDA_ITEMS_MAX) errors.item_title ??= t('meetings.error.agenda_full', { max: AGENDA_ITEMS_MAX });
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(ctx, async (tx) => {
    const id = await insertAgendaItem(tx.db, { meetingId, kind: kind!, refId, title, notes });
    await audit(tx, { actorId: actor.id, action: 'meeting.agenda_added', subjectType: 'meeting', subjectId: meetingId, data: { itemId: id, kind, refId, title } });
    return { id };
  });
}
