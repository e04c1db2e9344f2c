import { t } from '../../../platform/i18n/t.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type { MyReportsView } from '../load-report-pages.ts';
import { DemoBadge, MoneyFigures, StatusBadge } from './parts.tsx';

const actionKey = { start: 'reports.my.start', continue: 'reports.my.continue', view: 'reports.my.view' } as const;

/** /my/reports: the officer's agencies' funded plans, each with its reporting quarters, newest first. */
export function MyReportsPage({ page, view }: { page: PageContext; view: MyReportsView }) {
  const title = t('reports.my.title');
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('reports.my.lead')}</p>
      {!view.hasAgency && <p class="empty">{t('reports.my.no_agency')}</p>}
      {view.hasAgency && view.plans.length === 0 && <p class="empty">{t('reports.my.none')}</p>}
      {view.plans.map((p) => (
        <section class="card report-plan" aria-labelledby={`plan-${p.planId}-h`}>
          <h2 id={`plan-${p.planId}-h`}>
            {p.title}
            <DemoBadge show={p.isDemo} />
          </h2>
          <p class="meta">
            {p.agencyName} — {p.planStatus}
          </p>
          <MoneyFigures items={p.stats} />
          {p.periods.length === 0 ? (
            <p class="empty">{t('reports.my.no_periods')}</p>
          ) : (
            <div class="table-wrap" role="region" aria-label={t('reports.my.periods_caption', { plan: p.title })} tabIndex={0}>
              <table class="report-table">
                <caption>{t('reports.my.periods_caption', { plan: p.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.period')}</th>
                    <th scope="col">{t('reports.col.due')}</th>
                    <th scope="col">{t('reports.col.status')}</th>
                    <th scope="col">{t('reports.col.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.periods.map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td>{r.dueLabel}</td>
                      <td>
                        <StatusBadge status={r.status} label={r.statusLabel} late={r.late} />
                      </td>
                      <td>
                        <a class={r.action === 'view' ? undefined : 'button button-small'} href={r.href}>
                          {t(actionKey[r.action], { period: r.label })}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </Layout>
  );
}
