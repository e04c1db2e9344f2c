import { t } from '../../platform/i18n/t.ts';
import { CsrfField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FormFrameView, GateSectionView } from '../form-view.ts';
import { PlanFormFrame, TextAreaField } from './form-parts.tsx';

export type WithdrawView = { action: string; from: 'review' | 'overview'; reason: string; error?: string };

export type ReviewStepView = FormFrameView & {
  sections: GateSectionView[];
  /** Set after a refused submission. */
  submitFailed: boolean;
  isResubmission: boolean;
  withdraw: WithdrawView;
};

/** The withdraw form: a reason is required, and the plan leaves the programme. */
export function WithdrawForm({ page, view }: { page: PageContext; view: WithdrawView }) {
  return (
    <section class="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('planForm.withdraw.title')}</h2>
      <form method="post" action={view.action} novalidate>
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="from" value={view.from} />
        <TextAreaField name="reason" label={t('planForm.withdraw.reason')} value={view.reason} error={view.error} rows={3} maxLength={2000} />
        <button type="submit" class="button button-danger">{t('planForm.withdraw.submit')}</button>
      </form>
    </section>
  );
}

/** Step 10: the gate's verdict per section with links to fix it, the submit button and the withdraw form. */
export function PlanReviewPage({ page, view }: { page: PageContext; view: ReviewStepView }) {
  const ready = view.sections.length === 0;
  return (
    <PlanFormFrame page={page} frame={view}>
      {view.submitFailed && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{t('plan.gate_failed')}</p>
        </div>
      )}
      <section class="card" aria-labelledby="gate-title">
        <h2 id="gate-title">{ready ? t('planForm.review.ready') : t('planForm.review.not_ready')}</h2>
        {view.sections.map((s) => (
          <div>
            <h3><a href={s.href}>{s.step}</a></h3>
            <ul>
              {s.messages.map((m) => (
                <li><a href={m.href}>{m.label}</a>: {m.text}</li>
              ))}
            </ul>
          </div>
        ))}
        <form method="post" action={`/my/plans/${view.planId}/submit`}>
          <CsrfField token={page.csrfToken} />
          <p class="hint">{t('planForm.submit_hint')}</p>
          <button type="submit" class="button">{view.isResubmission ? t('planForm.resubmit') : t('planForm.submit')}</button>
        </form>
      </section>
      <p><a href={view.overviewHref}>{t('planForm.overview_link')}</a></p>
      <WithdrawForm page={page} view={view.withdraw} />
    </PlanFormFrame>
  );
}
