import { t } from '../../../platform/i18n/t.ts';
import { CsrfField, Pager, TextAreaField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type { AdminReportsView, AdminReportView } from '../load-report-pages.ts';
import { DemoBadge, ReportDetails } from './parts.tsx';

const crumbs = [{ label: t('nav.home'), href: '/' }, { label: t('reports.admin.title'), href: '/admin/reports' }];

/** /admin/reports: the secretariat's queue (oldest submission first) and the overdue, approved and returned lists. */
export function AdminReportsPage({ page, view }: { page: PageContext; view: AdminReportsView }) {
  const title = t('reports.admin.title');
  const current = view.tabs.find((x) => x.current)!;
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[crumbs[0]!, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('reports.admin.lead')}</p>
      <nav class="tabs" aria-label={t('reports.admin.tabs')}>
        <ul>
          {view.tabs.map((x) => (
            <li>
              <a href={x.href} aria-current={x.current ? 'page' : undefined}>{x.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {view.tab === 'overdue' ? (
        view.overdue.length === 0 ? (
          <p class="empty">{t('reports.admin.overdue_none')}</p>
        ) : (
          view.overdue.map((g) => (
            <section aria-label={g.agencyName}>
              <h2>{t('reports.admin.agency_heading', { agency: g.agencyName, count: g.rows.length })}</h2>
              <div class="table-wrap" role="region" aria-label={g.agencyName} tabIndex={0}>
                <table class="report-table">
                  <caption>{t('reports.admin.overdue_caption', { agency: g.agencyName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.col.plan')}</th>
                      <th scope="col">{t('reports.col.period')}</th>
                      <th scope="col">{t('reports.col.due')}</th>
                      <th scope="col">{t('reports.col.timeliness')}</th>
                      <th scope="col">{t('reports.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.rows.map((r) => (
                      <tr>
                        <td>{r.href ? <a href={r.href}>{r.planTitle}</a> : r.planTitle}</td>
                        <td>{r.periodLabel}</td>
                        <td>{r.due}</td>
                        <td>{r.timelinessLabel}</td>
                        <td>{r.statusLabel}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))
        )
      ) : view.queue.length === 0 ? (
        <p class="empty">{t('reports.admin.empty', { tab: current.label })}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={current.label} tabIndex={0}>
          <table class="report-table">
            <caption>{t('reports.admin.caption', { tab: current.label, count: view.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.col.plan')}</th>
                <th scope="col">{t('reports.col.agency')}</th>
                <th scope="col">{t('reports.col.period')}</th>
                <th scope="col">{t('reports.col.submitted')}</th>
                <th scope="col">{t('reports.col.due')}</th>
                <th scope="col">{t('reports.col.spent')}</th>
              </tr>
            </thead>
            <tbody>
              {view.queue.map((r) => (
                <tr>
                  <td>
                    <a href={r.href}>{r.planTitle}</a>
                    <DemoBadge show={r.isDemo} />
                  </td>
                  <td>{r.agencyName}</td>
                  <td>{r.periodLabel}</td>
                  <td>{r.submitted}</td>
                  <td>
                    {r.due}
                    {r.late && <> <span class="badge badge-warn">{t('reports.late')}</span></>}
                  </td>
                  <td class="num">{r.spent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pager={{ page: view.page, pages: view.pages, hrefFor: (n) => `/admin/reports?tab=${view.tab}&page=${n}` }} />
    </Layout>
  );
}

/** /admin/reports/:id: the report against its plan, and the approve / return forms while it awaits a decision. */
export function AdminReportPage({ page, view }: { page: PageContext; view: AdminReportView }) {
  const r = view.details;
  const title = t('reports.form.title', { period: r.periodLabel, plan: r.planTitle });
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[...crumbs, { label: r.periodLabel }]}>
      <h1>{title}</h1>
      <p class="meta">
        {r.agencyName} — <a href={`/plans/${r.planId}`}>{t('reports.admin.plan_link')}</a>
      </p>
      <ReportDetails r={r} />
      {view.canDecide && (
        <section class="card report-decision" aria-labelledby="decide-h">
          <h2 id="decide-h">{t('reports.decide.title')}</h2>
          <form method="post" action={`/admin/reports/${r.id}/decision`} novalidate>
            <CsrfField token={page.csrfToken} />
            <TextAreaField name="note" label={t('reports.decide.note')} hint={t('reports.decide.note_hint')} value={view.form.note} error={view.form.errors.note} rows={3} maxLength={2000} />
            <div class="button-row">
              <button type="submit" name="decision" value="approve" class="button">{t('reports.decide.approve')}</button>
              <button type="submit" name="decision" value="return" class="button button-secondary">{t('reports.decide.return')}</button>
            </div>
          </form>
        </section>
      )}
    </Layout>
  );
}
