import { t } from '../../platform/i18n/t.ts';
import { CsrfField, Table, type FieldErrors } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { AttachmentView, FormFrameView } from '../form-view.ts';
import { PlanFormFrame } from './form-parts.tsx';

export type AttachmentsStepView = FormFrameView & { attachments: AttachmentView[]; errors: FieldErrors; nextHref: string };

/** Step 9: the plan's documents, an upload form (multipart, works without JavaScript) and delete buttons. */
export function PlanAttachmentsPage({ page, view }: { page: PageContext; view: AttachmentsStepView }) {
  const base = `/my/plans/${view.planId}/attachments`;
  return (
    <PlanFormFrame page={page} frame={view} errors={view.errors} errorLabels={{ file: t('planForm.file_label') }}>
      <Table
        caption={t('planForm.step.attachments')}
        empty={t('planForm.attachments_none')}
        rows={view.attachments}
        columns={[
          { header: t('planForm.col.file'), cell: (a) => <a href={a.href}><bdi>{a.name}</bdi></a> },
          { header: t('planForm.col.type'), cell: (a) => a.type },
          { header: t('planForm.col.size'), cell: (a) => a.size, numeric: true },
          { header: t('planForm.col.date'), cell: (a) => a.date },
          {
            header: t('planForm.delete'),
            cell: (a) => (
              <form method="post" action={`${base}/${a.id}/delete`} class="inline-form">
                <CsrfField token={page.csrfToken} />
                <button type="submit" class="link-button">{t('planForm.delete')}</button>
              </form>
            ),
          },
        ]}
      />
      <form method="post" action={base} enctype="multipart/form-data" class="card" novalidate>
        <CsrfField token={page.csrfToken} />
        <div class={`field${view.errors.file ? ' field-invalid' : ''}`}>
          <label for="file">{t('planForm.file_label')}</label>
          <p class="hint" id="file-hint">{t('planForm.attachments_hint')}</p>
          {view.errors.file && <p class="field-error" id="file-error">{view.errors.file}</p>}
          <input
            type="file" id="file" name="file" accept="application/pdf,image/jpeg,image/png"
            aria-invalid={view.errors.file ? 'true' : undefined}
            aria-describedby={view.errors.file ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <p>
          <button type="submit" class="button">{t('planForm.upload')}</button>
          <a href={view.nextHref} class="button button-secondary">{t('planForm.continue')}</a>
        </p>
      </form>
    </PlanFormFrame>
  );
}
