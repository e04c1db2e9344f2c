import { t } from '../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FieldErrors, type SelectGroup } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type ProfileView = {
  values: { name: string; home_place_id: string };
  errors: FieldErrors;
  mobileLabel: string | null;
  roleLabels: string[];
  sessionCount: number;
  homeGroups: SelectGroup[];
  homeQuery: string;
  homeTruncated: boolean;
  homePlaceLink: { href: string; label: string } | null;
};

export function ProfilePage({ page, view }: { page: PageContext; view: ProfileView }) {
  return (
    <Layout page={page} title={t('profile.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('profile.title') }]}>
      <h1>{t('profile.title')}</h1>
      <div class="two-columns">
        <section class="card">
          <ErrorSummary errors={view.errors} labels={{ name: t('auth.name.label'), home_place_id: t('profile.home.label') }} />
          {view.homeTruncated && (
            <form method="get" action="/profile" class="search-form">
              <TextField name="place_q" label={t('places.search.label')} value={view.homeQuery} type="search" />
              <button type="submit" class="button button-secondary">{t('places.search.submit')}</button>
            </form>
          )}
          <form method="post" action="/profile" novalidate>
            <CsrfField token={page.csrfToken} />
            <TextField name="name" label={t('auth.name.label')} value={view.values.name} error={view.errors.name} required autocomplete="name" maxLength={80} />
            <SelectField
              name="home_place_id" label={t('profile.home.label')} hint={t('profile.home.hint')} value={view.values.home_place_id}
              error={view.errors.home_place_id} placeholder={t('profile.home.choose')} groups={view.homeGroups}
            />
            <button type="submit" class="button">{t('form.save')}</button>
          </form>
        </section>
        <aside class="card">
          {view.mobileLabel && <p>{t('profile.mobile', { mobile: view.mobileLabel })}</p>}
          <p>{t('profile.roles', { roles: view.roleLabels.join('، ') })}</p>
          {view.homePlaceLink && (
            <p>
              {t('profile.home.label')}: <a href={view.homePlaceLink.href}>{view.homePlaceLink.label}</a>
            </p>
          )}
          <p>
            <a href="/my/comments">{t('comments.my.title')}</a>
          </p>
          <p><a href="/my/residency">{t('residency.page.my_title')}</a></p>
          <p>{t('profile.sessions', { count: view.sessionCount })}</p>
          <form method="post" action="/logout/all">
            <CsrfField token={page.csrfToken} />
            <button type="submit" class="button button-secondary">{t('profile.logout_all')}</button>
          </form>
        </aside>
      </div>
    </Layout>
  );
}
