import { t } from '../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

const labels = () => ({
  mobile: t('auth.mobile.label'),
  name: t('auth.name.label'),
  code: t('auth.verify.code.label'),
  email: t('auth.email.label'),
  password: t('auth.password.label'),
});

export type RegisterView = { values: { mobile: string; name: string }; errors: FieldErrors };

export function RegisterPage({ page, view }: { page: PageContext; view: RegisterView }) {
  return (
    <Layout page={page} title={t('auth.register.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('auth.register.title') }]}>
      <section class="narrow card">
        <h1>{t('auth.register.title')}</h1>
        <p class="lead">{t('auth.register.lead')}</p>
        <ErrorSummary errors={view.errors} labels={labels()} />
        <form method="post" action="/register" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField name="name" label={t('auth.name.label')} value={view.values.name} error={view.errors.name} required autocomplete="name" maxLength={80} />
          <TextField
            name="mobile" label={t('auth.mobile.label')} hint={t('auth.mobile.hint')} value={view.values.mobile}
            error={view.errors.mobile} required type="tel" inputMode="tel" autocomplete="tel" dir="ltr" maxLength={20}
          />
          <button type="submit" class="button">{t('auth.register.submit')}</button>
        </form>
        <p>
          <a href="/login">{t('nav.login')}</a>
        </p>
      </section>
    </Layout>
  );
}

export type LoginView = {
  citizen: { mobile: string; errors: FieldErrors };
  staff: { email: string; errors: FieldErrors };
  next: string;
};

export function LoginPage({ page, view }: { page: PageContext; view: LoginView }) {
  return (
    <Layout page={page} title={t('auth.login.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('auth.login.title') }]}>
      <h1>{t('auth.login.title')}</h1>
      <div class="two-columns">
        <section class="card" aria-labelledby="citizen-login">
          <h2 id="citizen-login">{t('auth.login.citizen')}</h2>
          <ErrorSummary errors={view.citizen.errors} labels={labels()} />
          <form method="post" action="/login/otp" novalidate>
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="next" value={view.next} />
            <TextField
              name="mobile" label={t('auth.mobile.label')} hint={t('auth.mobile.hint')} value={view.citizen.mobile}
              error={view.citizen.errors.mobile} required type="tel" inputMode="tel" autocomplete="tel" dir="ltr" maxLength={20}
            />
            <button type="submit" class="button">{t('auth.login.citizen_submit')}</button>
          </form>
          <p>{t('auth.login.no_account')} <a href="/register">{t('nav.register')}</a></p>
        </section>
        <section class="card" aria-labelledby="staff-login">
          <h2 id="staff-login">{t('auth.login.staff')}</h2>
          <p class="hint">{t('auth.login.staff_hint')}</p>
          <ErrorSummary errors={view.staff.errors} labels={labels()} />
          <form method="post" action="/login/password" novalidate>
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="next" value={view.next} />
            <TextField name="email" label={t('auth.email.label')} value={view.staff.email} error={view.staff.errors.email} required type="email" autocomplete="username" dir="ltr" />
            <TextField name="password" label={t('auth.password.label')} error={view.staff.errors.password} required type="password" autocomplete="current-password" dir="ltr" />
            <button type="submit" class="button">{t('auth.staff.submit')}</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export type VerifyView = { mobileLabel: string; errors: FieldErrors };

export function VerifyPage({ page, view }: { page: PageContext; view: VerifyView }) {
  return (
    <Layout page={page} title={t('auth.verify.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('auth.verify.title') }]}>
      <section class="narrow card">
        <h1>{t('auth.verify.title')}</h1>
        <p class="lead">{t('auth.verify.lead', { mobile: view.mobileLabel })}</p>
        <ErrorSummary errors={view.errors} labels={labels()} />
        <form method="post" action="/verify" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField
            name="code" label={t('auth.verify.code.label')} error={view.errors.code ?? view.errors.mobile} required
            inputMode="numeric" autocomplete="one-time-code" dir="ltr" maxLength={12} autofocus
          />
          <button type="submit" class="button">{t('auth.verify.submit')}</button>
        </form>
        <form method="post" action="/verify/resend">
          <CsrfField token={page.csrfToken} />
          <button type="submit" class="link-button">{t('auth.verify.resend')}</button>
        </form>
        <p>
          <a href="/login">{t('auth.verify.change_number')}</a>
        </p>
      </section>
    </Layout>
  );
}
