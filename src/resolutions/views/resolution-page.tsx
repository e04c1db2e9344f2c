import { t } from '../../platform/i18n/t.ts';
import type { FieldErrors, SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { Deadline, NoteForm, StatusBadges, Timeline, type NoteView, type ResolutionRowView } from './parts.tsx';

export type ResolutionDetailView = ResolutionRowView & {
  paragraphs: string[];
  statusNote: string | null;
  closedAt: string | null;
  createdAt: string;
  notes: NoteView[];
  isDemo: boolean;
};

export type StatusFormView = { options: SelectOption[]; status: string; note: string; errors: FieldErrors };

export function ResolutionFacts({ r }: { r: ResolutionDetailView }) {
  return (
    <>
      <div class="card res-text">
        {r.paragraphs.map((p) => <p>{p}</p>)}
      </div>
      <dl class="kv">
        <div>
          <dt>{t('resolutions.col.meeting')}</dt>
          <dd>{r.meetingHref ? <a href={r.meetingHref}>{r.meetingTitle}</a> : r.meetingTitle}</dd>
        </div>
        <div>
          <dt>{t('resolutions.col.agency')}</dt>
          <dd>{r.agency}</dd>
        </div>
        <div>
          <dt>{t('resolutions.col.deadline')}</dt>
          <dd><Deadline r={r} /></dd>
        </div>
        <div>
          <dt>{t('resolutions.col.status')}</dt>
          <dd>
            <StatusBadges r={r} />
            {r.statusNote && <span class="meta"> — {r.statusNote}</span>}
          </dd>
        </div>
        {r.closedAt && (
          <div>
            <dt>{t('resolutions.field.closed_at')}</dt>
            <dd>{r.closedAt}</dd>
          </div>
        )}
        <div>
          <dt>{t('resolutions.field.created_at')}</dt>
          <dd>{r.createdAt}</dd>
        </div>
      </dl>
    </>
  );
}

/** /admin/resolutions/:id: the resolution, its timeline of notes and the secretariat's status form. */
export function ResolutionPage({ page, view, form }: { page: PageContext; view: ResolutionDetailView; form: StatusFormView | null }) {
  return (
    <Layout
      page={page}
      title={view.label}
      breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('resolutions.follow.title'), href: '/admin/resolutions' }, { label: view.label }]}
    >
      <h1>
        {view.label} {view.isDemo && <span class="badge badge-demo">{t('resolutions.demo')}</span>}
      </h1>
      <ResolutionFacts r={view} />
      <h2>{t('resolutions.notes.title')}</h2>
      <Timeline notes={view.notes} />
      {form && (
        <NoteForm
          action={`/admin/resolutions/${view.id}/status`}
          csrfToken={page.csrfToken}
          heading={t('resolutions.manage.title')}
          statusName="status"
          statusLabel={t('resolutions.manage.status')}
          statusOptions={form.options}
          status={form.status}
          noteName="note"
          noteLabel={t('resolutions.manage.note')}
          noteHint={t('resolutions.manage.note_hint')}
          note={form.note}
          errors={form.errors}
          submit={t('resolutions.manage.submit')}
        />
      )}
    </Layout>
  );
}
