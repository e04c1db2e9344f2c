import { t } from '../../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, TextAreaField, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type { MyReportPage, ReportFormView } from '../load-report-pages.ts';
import { activityStatuses } from '../report-content.ts';
import { FileList, MoneyFigures, ReportDetails, StatusBadge } from './parts.tsx';

function Cell({ name, label, v, numeric, wide }: { name: string; label: string; v: ReportFormView; numeric?: boolean; wide?: boolean }) {
  const error = v.errors[name];
  return (
    <>
      <input
        {...({
          id: name, name, type: 'text', value: v.values[name] ?? '', 'aria-label': label, inputMode: numeric ? 'decimal' : undefined,
          class: wide ? 'report-input-wide' : 'report-input-num', maxLength: wide ? 1000 : 20,
          'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${name}-error` : undefined,
        } as Record<string, unknown>)}
      />
      {error && <p class="field-error" id={`${name}-error`}>{error}</p>}
    </>
  );
}

function ReportForm({ page, v }: { page: PageContext; v: ReportFormView }) {
  const action = `/my/plans/${v.planId}/reports/${v.period}`;
  const labels: Record<string, string> = { spentRials: t('reports.field.spent'), period: t('reports.col.period') };
  return (
    <form method="post" action={action} class="report-form" novalidate>
      <CsrfField token={page.csrfToken} />
      <ErrorSummary errors={v.errors} labels={labels} />

      <fieldset class="field" id="activities">
        <legend>{t('reports.section.activities')}</legend>
        <p class="hint">{t('reports.form.activities_hint')}</p>
        {v.activities.length === 0 ? (
          <p class="empty">{t('reports.activities.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="report-table report-input-table">
              <caption>{t('reports.section.activities')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.activity')}</th>
                  <th scope="col">{t('reports.col.status')}</th>
                  <th scope="col">{t('reports.col.percent')}</th>
                  <th scope="col">{t('reports.col.note')}</th>
                </tr>
              </thead>
              <tbody>
                {v.activities.map((a) => {
                  const status = `activities.${a.index}.status`;
                  return (
                    <tr>
                      <th scope="row">{a.name}</th>
                      <td>
                        <select id={status} name={status} aria-label={`${a.name}: ${t('reports.col.status')}`}>
                          {activityStatuses.map((s) => (
                            <option value={s} selected={v.values[status] === s}>{t(`reports.activity.${s}`)}</option>
                          ))}
                        </select>
                      </td>
                      <td><Cell v={v} numeric name={`activities.${a.index}.percent`} label={`${a.name}: ${t('reports.col.percent')}`} /></td>
                      <td><Cell v={v} wide name={`activities.${a.index}.note`} label={`${a.name}: ${t('reports.col.note')}`} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      <fieldset class="field" id="beneficiaries">
        <legend>{t('reports.section.beneficiaries')}</legend>
        <p class="hint">{t('reports.form.beneficiaries_hint')}</p>
        {v.groups.length === 0 ? (
          <p class="empty">{t('reports.groups.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="report-table report-input-table">
              <caption>{t('reports.form.beneficiaries_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.group')}</th>
                  <th scope="col">{t('reports.col.planned')}</th>
                  <th scope="col">{t('reports.col.female')}</th>
                  <th scope="col">{t('reports.col.male')}</th>
                  {v.ageBands.map((b) => <th scope="col">{b.label}</th>)}
                </tr>
              </thead>
              <tbody>
                {v.groups.map((g) => {
                  const cell = (name: string, label: string) => <td><Cell v={v} numeric name={`beneficiaries.${g.index}.${name}`} label={`${g.label}: ${label}`} /></td>;
                  return (
                    <tr>
                      <th scope="row">{g.label}</th>
                      <td class="num">{g.planned}</td>
                      {cell('female', t('reports.col.female'))}
                      {cell('male', t('reports.col.male'))}
                      {v.ageBands.map((b) => cell(`ageBands.${b.band}`, b.label))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      <fieldset class="field">
        <legend>{t('reports.section.money')}</legend>
        <MoneyFigures items={v.money} />
        <TextField name="spentRials" label={t('reports.field.spent')} hint={t('reports.form.spent_hint')} value={v.values.spentRials} inputMode="numeric" error={v.errors.spentRials} required />
      </fieldset>

      <fieldset class="field" id="indicators">
        <legend>{t('reports.section.indicators')}</legend>
        <p class="hint">{t('reports.form.indicators_hint')}</p>
        {v.indicators.length === 0 ? (
          <p class="empty">{t('reports.indicators.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="report-table report-input-table">
              <caption>{t('reports.section.indicators')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.indicator')}</th>
                  <th scope="col">{t('reports.col.baseline')}</th>
                  <th scope="col">{t('reports.col.target')}</th>
                  <th scope="col">{t('reports.col.previous')}</th>
                  <th scope="col">{t('reports.col.actual')}</th>
                  <th scope="col">{t('reports.col.note')}</th>
                </tr>
              </thead>
              <tbody>
                {v.indicators.map((i) => (
                  <tr>
                    <th scope="row">
                      {i.statement} <span class="meta">({i.level}{i.unit ? `، ${i.unit}` : ''})</span>
                    </th>
                    <td class="num">{i.baseline}</td>
                    <td class="num">{i.target}</td>
                    <td>{i.previous}</td>
                    <td><Cell v={v} numeric name={`indicatorActuals.${i.index}.actual`} label={`${i.statement}: ${t('reports.col.actual')}`} /></td>
                    <td><Cell v={v} wide name={`indicatorActuals.${i.index}.note`} label={`${i.statement}: ${t('reports.col.note')}`} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      <TextAreaField name="narrative" label={t('reports.field.narrative')} value={v.values.narrative} error={v.errors.narrative} maxLength={5000} hideOptional />
      <TextAreaField name="challenges" label={t('reports.field.challenges')} value={v.values.challenges} error={v.errors.challenges} maxLength={3000} rows={3} hideOptional />
      <TextAreaField name="nextSteps" label={t('reports.field.nextSteps')} value={v.values.nextSteps} error={v.errors.nextSteps} maxLength={3000} rows={3} hideOptional />

      <p class="hint">{t('reports.form.submit_hint')}</p>
      <div class="button-row">
        <button type="submit" name="action" value="save" class="button button-secondary">{t('reports.form.save')}</button>
        <button type="submit" name="action" value="submit" class="button">{t('reports.form.submit')}</button>
      </div>
    </form>
  );
}

function Attachments({ page, v }: { page: PageContext; v: ReportFormView }) {
  return (
    <section class="card report-attachments" aria-labelledby="files-h">
      <h2 id="files-h">{t('reports.section.files')}</h2>
      {v.reportId === null ? (
        <p class="empty">{t('reports.files.after_save')}</p>
      ) : (
        <>
          <FileList files={v.files} />
          <form method="post" action={`/my/plans/${v.planId}/reports/${v.period}/files`} enctype="multipart/form-data" novalidate>
            <CsrfField token={page.csrfToken} />
            <div class={`field${v.fileError ? ' field-invalid' : ''}`}>
              <label for="file">{t('reports.files.choose')}</label>
              <p class="hint" id="file-hint">{t('reports.files.hint')}</p>
              {v.fileError && <p class="field-error" id="file-error">{v.fileError}</p>}
              <input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby={v.fileError ? 'file-hint file-error' : 'file-hint'} />
            </div>
            <button type="submit" class="button button-secondary">{t('reports.files.upload')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** /my/plans/:planId/reports/:period: the report form while it is editable; the report itself once sent. */
export function MyReportPageView({ page, data }: { page: PageContext; data: MyReportPage }) {
  const v = data.view;
  const title = t('reports.form.title', { period: v.periodLabel, plan: v.planTitle });
  const crumbs = [{ label: t('nav.home'), href: '/' }, { label: t('reports.my.title'), href: '/my/reports' }, { label: v.periodLabel }];
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={crumbs}>
      <h1>{title}</h1>
      <p class="meta">{v.agencyName}</p>
      {data.kind === 'details' ? (
        <ReportDetails r={data.view} />
      ) : (
        <>
          <p class="meta">
            {t('reports.fact.due')}: {data.view.dueLabel} — <StatusBadge status={data.view.status} label={data.view.statusLabel} late={data.view.late} />
          </p>
          {data.view.returnedNote && (
            <div class="report-note report-note-returned" role="note">
              <h2>{t('reports.form.returned_title')}</h2>
              <p>{data.view.returnedNote}</p>
            </div>
          )}
          <ReportForm page={page} v={data.view} />
          <Attachments page={page} v={data.view} />
        </>
      )}
    </Layout>
  );
}
