import { t } from '../../platform/i18n/t.ts';
import { StatList } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type HomeView = {
  stats: { label: string; value: string }[];
  counties: { href: string; name: string; population: string }[];
  signedIn: boolean;
};

export function HomePage({ page, view }: { page: PageContext; view: HomeView }) {
  return (
    <Layout page={page} title={t('site.name')}>
      <section class="hero">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        {!view.signedIn && (
          <p>
            <a class="button" href="/register">{t('home.join')}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="how">
        <h2 id="how">{t('home.how')}</h2>
        <ol class="steps">
          <li>{t('home.step.need')}</li>
          <li>{t('home.step.plan')}</li>
          <li>{t('home.step.review')}</li>
          <li>{t('home.step.fund')}</li>
          <li>{t('home.step.show')}</li>
        </ol>
      </section>
      <StatList stats={view.stats} />
      <section aria-labelledby="counties">
        <h2 id="counties">{t('home.counties')}</h2>
        <ul class="link-cards">
          {view.counties.map((c) => (
            <li>
              <a href={c.href}>
                <strong>{c.name}</strong>
                <span class="meta">{c.population}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
