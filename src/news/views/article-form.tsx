import { t } from '../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, TextAreaField, TextField, type SelectGroup } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';

export type ArticleFormValues = {
  overline: string;
  title: string;
  lead: string;
  body: string;
  dateline: string;
  publishDate: string;
  publishTime: string;
  tags: string;
  coverCaption: string;
  removeCover: boolean;
  plans: string[];
  meetings: string[];
  places: string[];
};

export type ArticleFormView = {
  heading: string;
  crumbs: Crumb[];
  action: string;
  csrfToken: string;
  values: ArticleFormValues;
  errors: Record<string, string>;
  notice: string | null;
  /** The published meeting the article is drafted from (kept through the form). */
  meetingId: string;
  plans: SelectGroup[];
  meetings: SelectGroup[];
  places: SelectGroup[];
  limits: { overline: number; title: number; lead: number; caption: number };
  coverHint: string;
  currentCover: { src: string; alt: string } | null;
  coverDropped: boolean;
  /** The buttons this person may press, in order. */
  buttons: { intent: 'save' | 'schedule' | 'publish'; label: string; primary: boolean }[];
  /** The status actions under the form (edit page only). */
  status: ArticleStatusPanel | null;
};

export type ArticleStatusPanel = {
  codeText: string;
  statusText: string;
  times: string[];
  previewHref: string;
  action: string;
  actions: { to: string; label: string; reason?: boolean; danger?: boolean }[];
  reason: string;
  errors: Record<string, string>;
};

/** A multiple choice as a native list box: works without JavaScript and on phones. */
function MultiSelect({ name, label, hint, groups, values, error }: { name: string; label: string; hint: string; groups: SelectGroup[]; values: string[]; error?: string }) {
  const count = groups.reduce((n, g) => n + g.options.length, 0);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={name}>
        {label}
        <span class="optional"> {t('form.optional')}</span>
      </label>
      <p class="hint" id={`${name}-hint`}>{hint}</p>
      {error && <p class="field-error" id={`${name}-error`}>{error}</p>}
      {count === 0 ? (
        <p class="meta">{t('news.form.none_to_link')}</p>
      ) : (
        <select id={name} name={name} multiple size={Math.min(6, count + groups.length)} aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`} aria-invalid={error ? 'true' : undefined}>
          {groups.map((g) => (
            <optgroup label={g.label}>
              {g.options.map((o) => (
                <option value={o.value} selected={values.includes(o.value)}>{o.label}</option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </div>
  );
}

function StatusPanel({ s, csrfToken }: { s: ArticleStatusPanel; csrfToken: string }) {
  return (
    <section id="status" class="card" aria-labelledby="status-title">
      <h2 id="status-title">{t('news.admin.status_title')}</h2>
      <p>
        <strong>{s.statusText}</strong> · {s.codeText} · <a href={s.previewHref}>{t('news.admin.preview')}</a>
      </p>
      {s.times.map((x) => <p class="meta">{x}</p>)}
      <ErrorSummary errors={s.errors} labels={{ reason: t('news.field.reason') }} />
      {s.actions.map((a) => (
        <form method="post" action={s.action} novalidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="to" value={a.to} />
          {a.reason && <TextAreaField name="reason" label={t('news.field.reason')} hint={t('news.form.reason_hint')} value={s.reason} rows={2} maxLength={500} error={s.errors.reason} required />}
          <button type="submit" class={`button${a.danger ? ' button-danger' : ' button-secondary'}`}>{a.label}</button>
        </form>
      ))}
    </section>
  );
}

/** /admin/news/new and /admin/news/:id/edit: every field labelled, errors beside their fields, what was typed kept. */
export function ArticleFormPage({ page, view }: { page: PageContext; view: ArticleFormView }) {
  const { values, errors } = view;
  const labels: Record<string, string> = {
    overline: t('news.field.overline'), title: t('news.field.title'), lead: t('news.field.lead'), body: t('news.field.body'),
    dateline: t('news.field.dateline'), publish_date: t('news.field.publish_date'), publish_time: t('news.field.publish_time'),
    tags: t('news.field.tags'), cover: t('news.field.cover'), cover_caption: t('news.field.cover_caption'),
    plans: t('news.field.plans'), meetings: t('news.field.meetings'), places: t('news.field.places'),
  };
  return (
    <Layout page={page} title={view.heading} breadcrumbs={view.crumbs}>
      <div class="narrow">
        <h1>{view.heading}</h1>
        {view.notice && <p class="flash flash-info">{view.notice}</p>}
        <ErrorSummary errors={errors} labels={labels} />
        <form method="post" action={view.action} enctype="multipart/form-data" novalidate>
          <CsrfField token={view.csrfToken} />
          {view.meetingId && <input type="hidden" name="meeting" value={view.meetingId} />}
          <TextField name="overline" label={labels.overline!} hint={t('news.form.overline_hint', { max: view.limits.overline })} value={values.overline} maxLength={view.limits.overline} error={errors.overline} />
          <TextField name="title" label={labels.title!} hint={t('news.form.max', { max: view.limits.title })} value={values.title} maxLength={view.limits.title} error={errors.title} required />
          <TextAreaField name="lead" label={labels.lead!} hint={t('news.form.lead_hint', { max: view.limits.lead })} value={values.lead} rows={3} maxLength={view.limits.lead} error={errors.lead} />
          <TextField name="dateline" label={labels.dateline!} hint={t('news.form.dateline_hint')} value={values.dateline} maxLength={60} error={errors.dateline} />
          <TextAreaField name="body" label={labels.body!} hint={t('news.form.body_hint')} value={values.body} rows={14} error={errors.body} />
          <fieldset class="field">
            <legend>{t('news.form.when')}</legend>
            <p class="hint">{t('news.form.when_hint')}</p>
            <div class="search-form">
              <TextField name="publish_date" label={labels.publish_date!} hint={t('news.form.date_hint')} value={values.publishDate} inputMode="numeric" dir="ltr" maxLength={12} error={errors.publish_date} />
              <TextField name="publish_time" label={labels.publish_time!} hint={t('news.form.time_hint')} value={values.publishTime} inputMode="numeric" dir="ltr" maxLength={5} error={errors.publish_time} />
            </div>
          </fieldset>
          <TextField name="tags" label={labels.tags!} hint={t('news.form.tags_hint')} value={values.tags} maxLength={500} error={errors.tags} />
          <div class={`field${errors.cover ? ' field-invalid' : ''}`}>
            <label for="cover">
              {labels.cover}
              <span class="optional"> {t('form.optional')}</span>
            </label>
            <p class="hint" id="cover-hint">{view.coverHint}</p>
            {view.coverDropped && !errors.cover && <p class="hint">{t('news.form.cover_again')}</p>}
            {errors.cover && <p class="field-error" id="cover-error">{errors.cover}</p>}
            {view.currentCover && <img class="news-thumb" src={view.currentCover.src} alt={view.currentCover.alt} width="160" height="90" />}
            <input id="cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp" aria-invalid={errors.cover ? 'true' : undefined} aria-describedby={errors.cover ? 'cover-hint cover-error' : 'cover-hint'} />
            {view.currentCover && (
              <label class="checkbox">
                <input type="checkbox" name="remove_cover" value="1" checked={values.removeCover} />
                <span>{t('news.form.remove_cover')}</span>
              </label>
            )}
          </div>
          <TextField name="cover_caption" label={labels.cover_caption!} hint={t('news.form.caption_hint', { max: view.limits.caption })} value={values.coverCaption} maxLength={view.limits.caption} error={errors.cover_caption} />
          <MultiSelect name="plans" label={labels.plans!} hint={t('news.form.plans_hint')} groups={view.plans} values={values.plans} error={errors.plans} />
          <MultiSelect name="meetings" label={labels.meetings!} hint={t('news.form.meetings_hint')} groups={view.meetings} values={values.meetings} error={errors.meetings} />
          <MultiSelect name="places" label={labels.places!} hint={t('news.form.places_hint')} groups={view.places} values={values.places} error={errors.places} />
          {view.buttons.length === 0 && <p class="meta">{t('news.status.publish_only')}</p>}
          <p class="button-row">
            {view.buttons.map((b) => (
              <button type="submit" name="intent" value={b.intent} class={b.primary ? 'button' : 'button button-secondary'}>{b.label}</button>
            ))}
          </p>
        </form>
        {view.status && <StatusPanel s={view.status} csrfToken={page.csrfToken} />}
      </div>
    </Layout>
  );
}
