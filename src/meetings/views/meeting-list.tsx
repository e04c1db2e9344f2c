import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, Pager, Table, type FieldErrors, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ADMIN_MEETINGS, type MeetingListItem, type PublicListItem } from '../load-meeting-pages.ts';
import type { MeetingForm } from '../meeting-input.ts';
import { detailLabels, MeetingDetailsFields } from './meeting-parts.tsx';

const adminCrumbs = (label?: string) => [
  { label: t('nav.admin'), href: '/admin' },
  ...(label ? [{ label: t('meetings.admin.title'), href: ADMIN_MEETINGS }, { label }] : [{ label: t('meetings.admin.title') }]),
];

function MeetingTable({ rows, caption, empty }: { rows: MeetingListItem[]; caption: string; empty: string }) {
  return (
    <Table
      caption={caption}
      rows={rows}
      empty={empty}
      columns={[
        { header: t('meetings.field.title'), cell: (m) => <><a href={m.href}>{m.title}</a>{m.demo && <> <Badge tone="demo">{t('meetings.demo')}</Badge></>}</> },
        { header: t('meetings.field.when'), cell: (m) => m.when },
        { header: t('meetings.field.venue'), cell: (m) => m.venue },
        { header: t('meetings.field.status'), cell: (m) => <Badge>{m.status}</Badge> },
        { header: t('meetings.admin.col.resolutions'), cell: (m) => m.resolutions, numeric: true },
      ]}
    />
  );
}

export type AdminMeetingsView = { canManage: boolean; upcoming: MeetingListItem[]; past: MeetingListItem[]; pager: PagerModel };

/** /admin/meetings: upcoming meetings, soonest first, then past ones, latest first. */
export function AdminMeetingsPage({ page, view }: { page: PageContext; view: AdminMeetingsView }) {
  return (
    <Layout page={page} title={t('meetings.admin.title')} breadcrumbs={adminCrumbs()}>
      <h1>{t('meetings.admin.title')}</h1>
      <p class="lead">{t('meetings.admin.lead')}</p>
      {view.canManage && <p><a class="button" href={`${ADMIN_MEETINGS}/new`}>{t('meetings.admin.new')}</a></p>}
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('meetings.admin.upcoming')}</h2>
        <MeetingTable rows={view.upcoming} caption={t('meetings.admin.upcoming')} empty={t('meetings.admin.upcoming_empty')} />
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('meetings.admin.past')}</h2>
        <MeetingTable rows={view.past} caption={t('meetings.admin.past')} empty={t('meetings.admin.past_empty')} />
        <Pager pager={view.pager} />
      </section>
    </Layout>
  );
}

/** /admin/meetings/new: the details of a new meeting; the rest is added on its page. */
export function NewMeetingPage({ page, values, errors }: { page: PageContext; values: MeetingForm; errors: FieldErrors }) {
  return (
    <Layout page={page} title={t('meetings.admin.new')} breadcrumbs={adminCrumbs(t('meetings.admin.new'))}>
      <h1>{t('meetings.admin.new')}</h1>
      <ErrorSummary errors={errors} labels={detailLabels()} />
      <form method="post" action={ADMIN_MEETINGS} class="card narrow" novalidate>
        <CsrfField token={page.csrfToken} />
        <MeetingDetailsFields values={values} errors={errors} />
        <button type="submit" class="button">{t('meetings.admin.create')}</button>
      </form>
    </Layout>
  );
}

/** /meetings: the council's published meetings, latest first. */
export function PublicMeetingsPage({ page, rows, pager }: { page: PageContext; rows: PublicListItem[]; pager: PagerModel }) {
  return (
    <Layout page={page} title={t('meetings.public.list_title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('meetings.public.list_title') }]}>
      <h1>{t('meetings.public.list_title')}</h1>
      <p class="lead">{t('meetings.public.list_lead')}</p>
      {rows.length === 0 ? (
        <p class="empty">{t('meetings.public.list_empty')}</p>
      ) : (
        <ul class="card-list">
          {rows.map((m) => (
            <li class="card">
              <h2><a href={m.href}>{m.title}</a>{m.demo && <> <Badge tone="demo">{t('meetings.demo')}</Badge></>}</h2>
              <p class="meta">{m.venue ? t('meetings.public.date_venue', { date: m.date, venue: m.venue }) : m.date}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager pager={pager} />
    </Layout>
  );
}
