import { t } from '../../platform/i18n/t.ts';
import { Badge, Table, TextField, type FieldErrors } from '../../platform/views/components.tsx';
import type { MeetingForm } from '../meeting-input.ts';
import type { ResolutionLine } from '../load-meeting-pages.ts';

/** Markdown already rendered to safe HTML (markdown.ts: no raw HTML, safe links). */
export function Markdown({ html }: { html: string }) {
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The title, Jalali date and time, venue and chair fields of the new-meeting and details forms. */
export function MeetingDetailsFields({ values, errors }: { values: MeetingForm; errors: FieldErrors }) {
  return (
    <>
      <TextField name="title" label={t('meetings.field.title')} value={values.title} error={errors.title} maxLength={400} required />
      <div class="two-columns">
        <TextField
          name="date" label={t('meetings.field.date')} hint={t('meetings.field.date_hint')} value={values.date} error={errors.date}
          inputMode="numeric" maxLength={20} required
        />
        <TextField
          name="time" label={t('meetings.field.time')} hint={t('meetings.field.time_hint')} value={values.time} error={errors.time}
          inputMode="numeric" maxLength={10} required
        />
      </div>
      <TextField name="venue" label={t('meetings.field.venue')} value={values.venue} error={errors.venue} maxLength={400} />
      <TextField name="chair" label={t('meetings.field.chair')} hint={t('meetings.field.chair_hint')} value={values.chair} error={errors.chair} maxLength={400} />
    </>
  );
}

export const detailLabels = () => ({
  title: t('meetings.field.title'), date: t('meetings.field.date'), time: t('meetings.field.time'), venue: t('meetings.field.venue'), chair: t('meetings.field.chair'),
});

/** Resolutions with their agency, Jalali deadline and state (overdue marked). */
export function ResolutionTable({ rows, caption, showMeeting, empty, link }: { rows: ResolutionLine[]; caption: string; showMeeting?: boolean; empty?: string; link?: boolean }) {
  return (
    <Table
      caption={caption}
      rows={rows}
      empty={empty ?? t('meetings.resolutions.empty')}
      columns={[
        { header: t('meetings.resolutions.col.number'), cell: (r) => r.number, numeric: true },
        {
          header: t('meetings.resolutions.col.text'),
          cell: (r) => (
            <>
              {link ? <a href={`/admin/resolutions/${r.id}`}>{r.text}</a> : r.text}
              {showMeeting && <span class="meta"> — {r.meeting}</span>}
            </>
          ),
        },
        { header: t('meetings.resolutions.col.agency'), cell: (r) => r.agency },
        { header: t('meetings.resolutions.col.deadline'), cell: (r) => <span class="nowrap">{r.deadline}</span> },
        { header: t('meetings.resolutions.col.status'), cell: (r) => <Badge tone={r.tone}>{r.status}</Badge> },
      ]}
    />
  );
}

/** Resolutions as cards, readable on a phone: the text, then agency, deadline and state. */
export function ResolutionCards({ rows }: { rows: ResolutionLine[] }) {
  if (!rows.length) return <p class="empty">{t('meetings.resolutions.empty')}</p>;
  return (
    <ol class="card-list">
      {rows.map((r) => (
        <li class="card">
          <p>{r.text}</p>
          <p class="meta">
            {t('meetings.resolutions.card', { agency: r.agency, deadline: r.deadline })} <Badge tone={r.tone}>{r.status}</Badge>
          </p>
        </li>
      ))}
    </ol>
  );
}
