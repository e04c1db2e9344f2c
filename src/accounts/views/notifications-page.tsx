import { t } from '../../platform/i18n/t.ts';
import { CsrfField, Pager, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type NotificationItem = { subject: string; body: string; href: string | null; when: string; unread: boolean };

export function NotificationsPage({ page, items, unread, pager }: { page: PageContext; items: NotificationItem[]; unread: number; pager: PagerModel }) {
  return (
    <Layout page={page} title={t('notifications.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('notifications.title') }]}>
      <h1>{t('notifications.title')}</h1>
      {unread > 0 && (
        <form method="post" action="/notifications/read">
          <CsrfField token={page.csrfToken} />
          <button type="submit" class="button button-secondary">{t('notifications.mark_read')}</button>
        </form>
      )}
      {items.length === 0 ? (
        <p class="empty">{t('notifications.empty')}</p>
      ) : (
        <ul class="notification-list">
          {items.map((n) => (
            <li class={n.unread ? 'unread' : undefined}>
              <h2>
                {n.href ? <a href={n.href}>{n.subject}</a> : n.subject}
                {n.unread && <span class="badge badge-info">{t('notifications.unread')}</span>}
              </h2>
              <p>{n.body}</p>
              <p class="meta">{n.when}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager pager={pager} />
    </Layout>
  );
}
