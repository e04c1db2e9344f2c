// Pieces shared by the resolution pages: the status badge, the row list, the notes timeline.

import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, SelectField, Table, TextAreaField, type FieldErrors, type SelectOption } from '../../platform/views/components.tsx';

export type ResolutionRowView = {
  id: number;
  href: string;
  label: string;
  text: string;
  meetingTitle: string;
  meetingHref: string | null;
  agency: string;
  deadline: string;
  remaining: string;
  statusLabel: string;
  overdue: boolean;
  closed: boolean;
  awaiting: boolean;
};

export function StatusBadges({ r }: { r: Pick<ResolutionRowView, 'statusLabel' | 'overdue' | 'awaiting'> }) {
  return (
    <>
      <Badge>{r.statusLabel}</Badge>
      {r.overdue && <> <Badge tone="warn">{t('resolutions.status.overdue')}</Badge></>}
      {r.awaiting && <> <Badge tone="warn">{t('resolutions.awaiting')}</Badge></>}
    </>
  );
}

export function Deadline({ r }: { r: Pick<ResolutionRowView, 'deadline' | 'remaining' | 'closed'> }) {
  return (
    <>
      <span class="nowrap">{r.deadline}</span>
      {!r.closed && <span class="meta"> ({r.remaining})</span>}
    </>
  );
}

export function ResolutionTable({ rows, caption, empty, linkMeetings = true }: { rows: ResolutionRowView[]; caption: string; empty: string; linkMeetings?: boolean }) {
  return (
    <Table
      caption={caption}
      empty={empty}
      rows={rows}
      columns={[
        { header: t('resolutions.col.resolution'), cell: (r) => <><a href={r.href}>{r.label}</a><p class="res-text">{r.text}</p></> },
        { header: t('resolutions.col.agency'), cell: (r) => r.agency },
        { header: t('resolutions.col.meeting'), cell: (r) => (linkMeetings && r.meetingHref ? <a href={r.meetingHref}>{r.meetingTitle}</a> : r.meetingTitle) },
        { header: t('resolutions.col.deadline'), cell: (r) => <Deadline r={r} /> },
        { header: t('resolutions.col.status'), cell: (r) => <StatusBadges r={r} /> },
      ]}
    />
  );
}

export type NoteView = { id: number; author: string; at: string; kindLabel: string | null; body: string[]; proposal: boolean };

export function Timeline({ notes }: { notes: NoteView[] }) {
  if (notes.length === 0) return <p class="empty">{t('resolutions.notes.none')}</p>;
  return (
    <ol class="timeline">
      {notes.map((n) => (
        <li id={`note-${n.id}`}>
          <p class="meta">
            <bdi>{n.author}</bdi> — <time>{n.at}</time>
            {n.kindLabel && <> — <Badge tone={n.proposal ? 'warn' : 'info'}>{n.kindLabel}</Badge></>}
          </p>
          {n.body.map((p) => <p>{p}</p>)}
        </li>
      ))}
    </ol>
  );
}

/** A form posting a note with a choice of status (a status change or a report), without JavaScript. */
export function NoteForm(props: {
  action: string;
  csrfToken: string;
  heading: string;
  /** The heading's level: 2 on a page of its own, 3 inside a card that has a heading. */
  level?: 2 | 3;
  statusName: string;
  statusLabel: string;
  statusOptions: SelectOption[];
  status: string;
  noteName: string;
  noteLabel: string;
  noteHint: string;
  noteRequired?: boolean;
  note: string;
  errors: FieldErrors;
  submit: string;
  hidden?: Record<string, string>;
  idPrefix?: string;
  children?: ComponentChildren;
}) {
  const p = props.idPrefix ?? '';
  return (
    <form method="post" action={props.action} novalidate class="card">
      {props.level === 3 ? <h3>{props.heading}</h3> : <h2>{props.heading}</h2>}
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <ErrorSummary errors={props.errors} labels={{ [`${p}${props.statusName}`]: props.statusLabel, [`${p}${props.noteName}`]: props.noteLabel }} />
      {props.children}
      <SelectField name={`${p}${props.statusName}`} label={props.statusLabel} options={props.statusOptions} value={props.status} error={props.errors[`${p}${props.statusName}`]} required />
      <TextAreaField name={`${p}${props.noteName}`} label={props.noteLabel} hint={props.noteHint} value={props.note} error={props.errors[`${p}${props.noteName}`]} rows={4} maxLength={2000} required={props.noteRequired} />
      <button type="submit" class="button">{props.submit}</button>
    </form>
  );
}
