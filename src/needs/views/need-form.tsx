import { t } from '../../platform/i18n/t.ts';
import { CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField, type SelectGroup, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type NeedFormView = {
  csrfToken: string;
  values: { placeId: string; title: string; body: string; harms: string[]; targets: string[] };
  errors: Record<string, string>;
  placeGroups: SelectGroup[];
  harmOptions: SelectOption[];
  targetOptions: SelectOption[];
  titleMax: number;
  bodyMax: number;
  photoHint: string;
  /** The form came back with errors after a photo was chosen: browsers never keep a chosen file. */
  photoDropped: boolean;
};

/** /needs/new: one page, every field labelled, errors beside their fields and what was typed kept. */
export function NeedFormPage({ page, view }: { page: PageContext; view: NeedFormView }) {
  const { values, errors } = view;
  const labels = {
    place_id: t('needs.field.place'), title: t('needs.field.title'), body: t('needs.field.body'),
    harms: t('needs.field.harms'), targets: t('needs.field.targets'), photo: t('needs.field.photo'),
  };
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== 'rate'));
  return (
    <Layout page={page} title={t('needs.form.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('needs.list.title'), href: '/needs' }, { label: t('needs.form.title') }]}>
      <div class="narrow">
        <h1>{t('needs.form.title')}</h1>
        <p class="lead">{t('needs.form.lead')}</p>
        {errors.rate && <p class="flash flash-error" role="alert">{errors.rate}</p>}
        <ErrorSummary errors={fieldErrors} labels={labels} />
        <form method="post" action="/needs" enctype="multipart/form-data" novalidate>
          <CsrfField token={view.csrfToken} />
          <SelectField name="place_id" label={labels.place_id} hint={t('needs.form.place_hint')} value={values.placeId} placeholder={t('needs.form.place_choose')} groups={view.placeGroups} error={errors.place_id} required />
          <TextField name="title" label={labels.title} hint={t('needs.form.title_hint', { max: view.titleMax })} value={values.title} maxLength={view.titleMax} error={errors.title} required />
          <TextAreaField name="body" label={labels.body} hint={t('needs.form.body_hint')} value={values.body} rows={8} maxLength={view.bodyMax} error={errors.body} required />
          <CheckboxGroup name="harms" label={labels.harms} hint={t('needs.form.harms_hint')} values={values.harms} options={view.harmOptions} error={errors.harms} required />
          <CheckboxGroup name="targets" label={labels.targets} values={values.targets} options={view.targetOptions} error={errors.targets} />
          <div class={`field${errors.photo ? ' field-invalid' : ''}`}>
            <label for="photo">
              {labels.photo}
              <span class="optional"> {t('form.optional')}</span>
            </label>
            <p class="hint" id="photo-hint">{view.photoHint}</p>
            {view.photoDropped && !errors.photo && <p class="hint">{t('needs.form.photo_again')}</p>}
            {errors.photo && <p class="field-error" id="photo-error">{errors.photo}</p>}
            <input
              id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp"
              aria-invalid={errors.photo ? 'true' : undefined}
              aria-describedby={errors.photo ? 'photo-hint photo-error' : 'photo-hint'}
            />
          </div>
          <p class="hint">{t('needs.form.public_note')}</p>
          <button type="submit" class="button">{t('needs.form.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}
