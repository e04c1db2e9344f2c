import { t } from '../../platform/i18n/t.ts';
import { Pager, StatList, type FieldErrors, type PagerModel, type SelectOption, type Stat } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { Deadline, NoteForm, StatusBadges, Timeline, type ResolutionRowView } from './parts.tsx';
import { ResolutionFacts, type ResolutionDetailView } from './resolution-page.tsx';

export type ProgressFormView = { options: SelectOption[]; report: string; body: string; errors: FieldErrors };

export type MyResolutionCard = ResolutionRowView & { lastNote: string | null; form: ProgressFormView | null };

export type MyResolutionsView = { hasAgency: boolean; stats: Stat[]; cards: MyResolutionCard[]; pager: PagerModel };

const crumbs = [{ label: t('nav.home'), href: '/' }, { label: t('resolutions.my.title'), href: '/my/resolutions' }];

function ProgressForm({ page, id, form, from }: { page: PageContext; id: number; form: ProgressFormView; from: 'list' | 'page' }) {
  return (
    <NoteForm
      action={`/my/resolutions/${id}/notes`}
      csrfToken={page.csrfToken}
      heading={t('resolutions.progress.title')}
      level={from === 'list' ? 3 : 2}
      idPrefix={`r${id}-`}
      statusName="report"
      statusLabel={t('resolutions.progress.report')}
      statusOptions={form.options}
      status={form.report}
      noteName="body"
      noteLabel={t('resolutions.progress.body')}
      noteHint={t('resolutions.progress.hint')}
      noteRequired
      note={form.body}
      errors={form.errors}
      submit={t('resolutions.progress.submit')}
      hidden={{ from }}
    />
  );
}

/** /my/resolutions: the resolutions the officer's agencies must carry out, overdue first, each with a progress form. */
export function MyResolutionsPage({ page, view }: { page: PageContext; view: MyResolutionsView }) {
  const title = t('resolutions.my.title');
  return (
    <Layout page={page} title={title} breadcrumbs={[crumbs[0]!, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('resolutions.my.lead')}</p>
      {!view.hasAgency && <p class="empty">{t('resolutions.my.no_agency')}</p>}
      <StatList stats={view.stats} />
      {view.hasAgency && view.cards.length === 0 && <p class="empty">{t('resolutions.my.none')}</p>}
      {view.cards.map((c) => (
        <section class="card" id={`r-${c.id}`} aria-labelledby={`r-${c.id}-h`}>
          <h2 id={`r-${c.id}-h`}>
            <a href={c.href}>{c.label}</a>
          </h2>
          <p class="res-text">{c.text}</p>
          <p class="meta">
            {c.agency} — {t('resolutions.col.deadline')}: <Deadline r={c} /> — <StatusBadges r={c} />
          </p>
          {c.lastNote && <p class="meta">{c.lastNote}</p>}
          {c.form && <ProgressForm page={page} id={c.id} form={c.form} from="list" />}
        </section>
      ))}
      <Pager pager={view.pager} />
    </Layout>
  );
}

/** /my/resolutions/:id: one resolution of the officer's agency, its timeline and the progress form. */
export function MyResolutionPage({ page, view, form }: { page: PageContext; view: ResolutionDetailView; form: ProgressFormView | null }) {
  return (
    <Layout page={page} title={view.label} breadcrumbs={[...crumbs, { label: view.label }]}>
      <h1>{view.label}</h1>
      <ResolutionFacts r={view} />
      <h2>{t('resolutions.notes.title')}</h2>
      <Timeline notes={view.notes} />
      {form && <ProgressForm page={page} id={view.id} form={form} from="page" />}
    </Layout>
  );
}
