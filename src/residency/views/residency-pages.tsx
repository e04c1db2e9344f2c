// Residency verification pages: a resident's own (/my/residency) and the secretariat's
// (/admin/residency: census upload with its per-row report, past imports, verification by hand,
// revocation, counts). Every form works without JavaScript.

import { t } from '../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, StatList, Table, TextAreaField, TextField, type FieldErrors, type Stat } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

// ---- the resident --------------------------------------------------------------------------

export type MyResidencyView = {
  /** What the person's residency is now, as sentences. */
  status: { verified: boolean; lines: string[] };
  home: { name: string; href: string } | null;
  /** The national ID form (not once verified at the current home, nor without a home). */
  showForm: boolean;
  values: { nationalId: string };
  errors: FieldErrors;
};

export function MyResidencyPage({ page, view }: { page: PageContext; view: MyResidencyView }) {
  const title = t('residency.page.my_title');
  return (
    <Layout page={page} title={title} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('profile.title'), href: '/profile' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('residency.page.my_lead')}</p>
      <section class="card" aria-labelledby="status">
        <h2 id="status">{view.status.verified ? t('residency.page.status_verified') : t('residency.page.status_unverified')}</h2>
        {view.status.lines.map((l) => <p>{l}</p>)}
        {view.home ? (
          <p>
            {t('residency.page.home')} <a href={view.home.href}>{view.home.name}</a>
          </p>
        ) : (
          <p>
            {t('residency.page.no_home')} <a href="/profile">{t('residency.page.choose_home')}</a>
          </p>
        )}
      </section>
      {view.showForm && (
        <form method="post" action="/my/residency" class="card narrow" noValidate>
          <h2>{t('residency.page.form_title')}</h2>
          <ErrorSummary errors={view.errors} labels={{ nationalId: t('residency.page.national_id') }} />
          <CsrfField token={page.csrfToken} />
          <TextField
            name="nationalId" label={t('residency.page.national_id')} hint={t('residency.page.national_id_hint')} value={view.values.nationalId}
            error={view.errors.nationalId} inputMode="numeric" autocomplete="off" maxLength={20} required
          />
          <p class="hint">{t('residency.page.privacy')}</p>
          <button type="submit" class="button">{t('residency.page.verify_button')}</button>
        </form>
      )}
      <p class="hint">{t('residency.page.by_hand_note')}</p>
    </Layout>
  );
}

// ---- the secretariat ---------------------------------------------------------------------------

export type CensusProblemRow = { line: string; message: string };
export type ImportRow = { file: string; rows: string; by: string; when: string };
export type FormState = { values: { mobile: string; note: string }; errors: FieldErrors };

export type AdminResidencyView = {
  counts: Stat[];
  fileError: string | null;
  /** A refused census file: its problems, row by row. */
  problems: CensusProblemRow[] | null;
  problemsLeftOut: number;
  imports: ImportRow[];
  verify: FormState;
  revoke: FormState;
};

const adminCrumbs = () => [{ label: t('nav.home'), href: '/' }, { label: t('admin.title'), href: '/admin' }, { label: t('residency.page.admin_title') }];

export function AdminResidencyPage({ page, view }: { page: PageContext; view: AdminResidencyView }) {
  const title = t('residency.page.admin_title');
  const v = view.verify;
  const r = view.revoke;
  return (
    <Layout page={page} title={title} breadcrumbs={adminCrumbs()}>
      <h1>{title}</h1>
      <p class="lead">{t('residency.page.admin_lead')}</p>
      <StatList stats={view.counts} />

      <section aria-labelledby="census">
        <h2 id="census">{t('residency.page.census_title')}</h2>
        <ErrorSummary errors={view.fileError ? { file: view.fileError } : {}} labels={{ file: t('residency.page.census_file') }} />
        {view.problems && (
          <section class="error-summary" aria-labelledby="problems" tabIndex={-1}>
            <h3 id="problems">{t('residency.page.problems_title', { count: view.problems.length + view.problemsLeftOut })}</h3>
            <p>{t('residency.page.nothing_imported')}</p>
            <Table
              caption={t('residency.page.problems_caption')}
              rows={view.problems}
              columns={[
                { header: t('residency.page.col.line'), cell: (p) => p.line, numeric: true },
                { header: t('residency.page.col.problem'), cell: (p) => <bdi>{p.message}</bdi> },
              ]}
            />
            {view.problemsLeftOut > 0 && <p>{t('residency.page.problems_more', { count: view.problemsLeftOut })}</p>}
          </section>
        )}
        <form method="post" action="/admin/residency/census" enctype="multipart/form-data" class="card narrow">
          <CsrfField token={page.csrfToken} />
          <div class={`field${view.fileError ? ' field-invalid' : ''}`}>
            <label for="file">{t('residency.page.census_file')}</label>
            <p class="hint" id="file-hint">
              {t('residency.page.census_hint')} <code dir="ltr">national_id,place_code</code>
            </p>
            {view.fileError && <p class="field-error" id="file-error">{view.fileError}</p>}
            <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby={view.fileError ? 'file-hint file-error' : 'file-hint'} />
          </div>
          <p class="hint">{t('residency.page.census_all_or_nothing')}</p>
          <button type="submit" class="button">{t('residency.page.census_submit')}</button>
        </form>
        <Table
          caption={t('residency.page.imports_title')}
          empty={t('residency.page.imports_empty')}
          rows={view.imports}
          columns={[
            { header: t('residency.page.col.file'), cell: (i) => <bdi>{i.file}</bdi> },
            { header: t('residency.page.col.rows'), cell: (i) => i.rows, numeric: true },
            { header: t('residency.page.col.by'), cell: (i) => <bdi>{i.by}</bdi> },
            { header: t('residency.page.col.when'), cell: (i) => i.when },
          ]}
        />
      </section>

      <div class="two-columns">
        <form method="post" action="/admin/residency/verify" class="card" noValidate aria-labelledby="by-hand">
          <h2 id="by-hand">{t('residency.page.hand_title')}</h2>
          <p class="hint">{t('residency.page.hand_lead')}</p>
          <ErrorSummary errors={v.errors} labels={{ mobile: t('auth.mobile.label'), note: t('residency.page.hand_note') }} />
          <CsrfField token={page.csrfToken} />
          <TextField name="mobile" label={t('auth.mobile.label')} hint={t('auth.mobile.hint')} value={v.values.mobile} error={v.errors.mobile} type="tel" inputMode="tel" dir="ltr" maxLength={20} required />
          <TextAreaField name="note" label={t('residency.page.hand_note')} hint={t('residency.page.hand_note_hint')} value={v.values.note} error={v.errors.note} rows={2} maxLength={500} required />
          <button type="submit" class="button">{t('residency.page.hand_submit')}</button>
        </form>
        <form method="post" action="/admin/residency/revoke" class="card" noValidate aria-labelledby="revoke">
          <h2 id="revoke">{t('residency.page.revoke_title')}</h2>
          <p class="hint">{t('residency.page.revoke_lead')}</p>
          <ErrorSummary errors={r.errors} labels={{ revokeMobile: t('auth.mobile.label'), revokeNote: t('residency.page.revoke_note') }} />
          <CsrfField token={page.csrfToken} />
          <TextField name="revokeMobile" label={t('auth.mobile.label')} value={r.values.mobile} error={r.errors.revokeMobile} type="tel" inputMode="tel" dir="ltr" maxLength={20} required />
          <TextAreaField name="revokeNote" label={t('residency.page.revoke_note')} value={r.values.note} error={r.errors.revokeNote} rows={2} maxLength={500} required />
          <button type="submit" class="button button-danger">{t('residency.page.revoke_submit')}</button>
        </form>
      </div>
    </Layout>
  );
}
