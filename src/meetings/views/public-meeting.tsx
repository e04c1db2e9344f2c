import { t } from '../../platform/i18n/t.ts';
import { Badge, Table } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { PublicMeetingView } from '../load-meeting-pages.ts';
import { Markdown, ResolutionCards } from './meeting-parts.tsx';

/** /meetings/:id: what the public reads of a published meeting — never the internal minutes. */
export function PublicMeetingPage({ page, view }: { page: PageContext; view: PublicMeetingView }) {
  return (
    <Layout
      page={page}
      title={view.title}
      breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('meetings.public.list_title'), href: '/meetings' }, { label: view.title }]}
    >
      <article>
        <h1>{view.title}{view.demo && <> <Badge tone="demo">{t('meetings.demo')}</Badge></>}</h1>
        <p class="meta">{view.venue ? t('meetings.public.date_venue', { date: view.date, venue: view.venue }) : view.date}</p>
        <Markdown html={view.summaryHtml} />
      </article>
      <section aria-labelledby="resolutions-title">
        <h2 id="resolutions-title">{t('meetings.resolutions.title')}</h2>
        <ResolutionCards rows={view.resolutions} />
      </section>
      {view.attachments.length > 0 && (
        <section aria-labelledby="attachments-title">
          <h2 id="attachments-title">{t('meetings.attachments.title')}</h2>
          <Table
            caption={t('meetings.attachments.title')}
            rows={view.attachments}
            columns={[
              { header: t('meetings.attachments.name'), cell: (a) => <a href={a.href}><bdi>{a.name}</bdi></a> },
              { header: t('meetings.attachments.type'), cell: (a) => `${a.type} · ${a.size}` },
            ]}
          />
        </section>
      )}
    </Layout>
  );
}
