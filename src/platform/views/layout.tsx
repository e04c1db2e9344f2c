import type { ComponentChildren } from 'preact';
import { t } from '../i18n/t.ts';
import type { Crumb, PageContext } from './page-context.ts';
import { Breadcrumbs, FlashMessage } from './components.tsx';

export type LayoutProps = {
  page: PageContext;
  title: string;
  breadcrumbs?: Crumb[];
  /** Extra <head> elements such as Open Graph tags. */
  head?: ComponentChildren;
  children: ComponentChildren;
};

function NavLink(props: { href: string; current: string; children: ComponentChildren }) {
  const active = props.href === '/' ? props.current === '/' : props.current.startsWith(props.href);
  return (
    <a href={props.href} aria-current={active ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

/** The page shell: RTL, self-hosted font, skip link, header navigation, footer with today's Jalali date. */
export function Layout({ page, title, breadcrumbs, head, children }: LayoutProps) {
  const fullTitle = title === t('site.name') ? title : `${title} | ${t('site.name')}`;
  return (
    <html lang="fa" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={t('site.tagline')} />
        <meta name="theme-color" content="#0f5132" />
        <link rel="preload" href="/static/fonts/Vazirmatn-NL-Regular.woff2" as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href="/static/css/site.css" />
        <link rel="icon" href="/static/img/icon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">{t('nav.skip')}</a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              <img src="/static/img/icon.svg" alt="" width="32" height="32" />
              <span class="brand-text">
                <strong>{t('site.name')}</strong>
                <small>{t('site.province')}</small>
              </span>
            </a>
            <nav aria-label={t('nav.main')} class="main-nav">
              <NavLink href="/" current={page.path}>{t('nav.home')}</NavLink>
              <NavLink href="/calls" current={page.path}>{t('nav.calls')}</NavLink>
              <NavLink href="/plans" current={page.path}>{t('nav.plans')}</NavLink>
              <NavLink href="/places" current={page.path}>{t('nav.places')}</NavLink>
              <NavLink href="/needs" current={page.path}>{t('needs.nav')}</NavLink>
              <NavLink href="/news" current={page.path}>{t('news.nav')}</NavLink>
              <NavLink href="/ballots" current={page.path}>{t('ballots.nav')}</NavLink>
              <NavLink href="/results" current={page.path}>{t('allocationPage.nav')}</NavLink>
              {page.user?.hasWorkspace && <NavLink href="/my/plans" current={page.path}>{t('nav.workspace')}</NavLink>}
              {page.user?.hasReviews && <NavLink href="/reviews" current={page.path}>{t('reviewPage.nav')}</NavLink>}
              {page.user?.canAdmin && <NavLink href="/admin" current={page.path}>{t('nav.admin')}</NavLink>}
            </nav>
            <div class="account-nav">
              {page.user ? (
                <>
                  <a href="/notifications" class="nav-icon">{t('nav.notifications')}</a>
                  <a href="/profile" class="user-name">
                    <bdi>{page.user.name || t('nav.profile')}</bdi>
                  </a>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="_csrf" value={page.csrfToken} />
                    <button type="submit" class="link-button">{t('nav.logout')}</button>
                  </form>
                </>
              ) : (
                <>
                  <a href="/login">{t('nav.login')}</a>
                  <a href="/register" class="button button-small">{t('nav.register')}</a>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="container">
          {breadcrumbs && breadcrumbs.length > 0 && <Breadcrumbs items={breadcrumbs} />}
          {page.flash && <FlashMessage flash={page.flash} />}
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('footer.about')}</p>
            <p><a href="/results/progress">{t('results.hub.title')}</a> · <a href="/open-data">{t('openData.title')}</a> · <a href="/api/docs">{t('openData.api.title')}</a></p>
            <p>{t('footer.today', { date: page.todayLabel })}</p>
            <p>{t('footer.demo')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
