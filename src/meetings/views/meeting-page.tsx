import { t } from '../../platform/i18n/t.ts';
import {
  Badge, CheckboxGroup, CsrfField, ErrorSummary, SelectField, Table, TextAreaField, TextField, type FieldErrors,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ADMIN_MEETINGS, type MeetingPageView, type Suggestion } from '../load-meeting-pages.ts';
import { detailLabels, Markdown, MeetingDetailsFields, ResolutionTable } from './meeting-parts.tsx';

const errorLabels = (): Record<string, string> => ({
  ...detailLabels(),
  member_user: t('meetings.members.user'), member_name: t('meetings.members.name'), member_role: t('meetings.members.role'),
  invite_agency: t('meetings.agencies.agency'), invite_representative: t('meetings.agencies.representative'),
  item_kind: t('meetings.agenda.title'), item_ref: t('meetings.agenda.title'), item_title: t('meetings.agenda.item_title'), item_notes: t('meetings.agenda.item_notes'),
  text: t('meetings.resolutions.text'), agencyId: t('meetings.resolutions.agency'), deadline: t('meetings.resolutions.deadline'),
  minutes: t('meetings.minutes.title'), summary: t('meetings.summary.title'), file: t('meetings.attachments.file'),
});

/** A one-button form (delete, move, mark held): works without JavaScript. */
function ActionButton({ page, action, label, name, value, secondary }: { page: PageContext; action: string; label: string; name?: string; value?: string; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={page.csrfToken} />
      {name && <input type="hidden" name={name} value={value} />}
      <button type="submit" class={`button button-small${secondary ? ' button-secondary' : ''}`}>{label}</button>
    </form>
  );
}

function SuggestionList({ page, base, heading, items }: { page: PageContext; base: string; heading: string; items: Suggestion[] }) {
  if (!items.length) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul class="card-list">
        {items.map((s) => (
          <li>
            <form method="post" action={`${base}/agenda`} class="inline-form">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="item_kind" value={s.kind} />
              <input type="hidden" name="item_ref" value={String(s.refId)} />
              <button type="submit" class="button button-small button-secondary">{t('meetings.agenda.add_short')}</button>
            </form>{' '}
            {s.label} <span class="meta">— {s.detail}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** /admin/meetings/:id: everything about one meeting, each part a small form of its own. */
export function AdminMeetingPage({ page, view }: { page: PageContext; view: MeetingPageView }) {
  const base = `${ADMIN_MEETINGS}/${view.id}`;
  const errors: FieldErrors = view.kept?.errors ?? {};
  const manage = view.canManage;
  return (
    <Layout page={page} title={view.title} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('meetings.admin.title'), href: ADMIN_MEETINGS }, { label: view.title }]}>
      <h1>
        {view.title} <Badge>{view.statusLabel}</Badge>
        {view.demo && <> <Badge tone="demo">{t('meetings.demo')}</Badge></>}
      </h1>
      <ErrorSummary errors={errors} labels={errorLabels()} />
      <dl class="kv card">
        {view.facts.map((f) => (
          <div><dt>{f.label}</dt><dd>{f.value}</dd></div>
        ))}
      </dl>
      <p class="button-row">
        <a class="button button-secondary" href={view.printHref}>{t('meetings.print.button')}</a>
        {manage && <a class="button button-secondary" href={view.newsHref}>{t('meetings.news_draft')}</a>}
        {view.publicHref && <a class="button button-secondary" href={view.publicHref}>{t('meetings.public.link')}</a>}
      </p>

      {manage && (
        <details class="card" open={view.kept?.form === 'details'}>
          <summary>{t('meetings.details.title')}</summary>
          <form method="post" action={base} novalidate>
            <CsrfField token={page.csrfToken} />
            <MeetingDetailsFields values={view.details} errors={view.kept?.form === 'details' ? errors : {}} />
            <button type="submit" class="button">{t('meetings.details.save')}</button>
          </form>
        </details>
      )}

      <section aria-labelledby="members-title" id="members">
        <h2 id="members-title">{t('meetings.members.title')}</h2>
        <Table
          caption={t('meetings.members.title')}
          empty={t('meetings.members.empty')}
          rows={view.members}
          columns={[
            { header: t('meetings.members.name'), cell: (m) => <bdi>{m.name}</bdi> },
            { header: t('meetings.members.role'), cell: (m) => m.role },
            { header: t('meetings.members.kind'), cell: (m) => m.kind },
            { header: t('meetings.attendance.col'), cell: (m) => m.attended },
            ...(manage ? [{ header: t('meetings.col.actions'), cell: (m: MeetingPageView['members'][number]) => <ActionButton page={page} action={`${base}/members/${m.id}/delete`} label={t('meetings.remove')} secondary /> }] : []),
          ]}
        />
        {manage && (
          <form method="post" action={`${base}/members`} class="card" novalidate>
            <h3>{t('meetings.members.add')}</h3>
            <CsrfField token={page.csrfToken} />
            <SelectField
              name="member_user" label={t('meetings.members.user')} hint={t('meetings.members.user_hint')} placeholder={t('meetings.members.user_none')}
              options={view.memberForm.staff} value={view.memberForm.user} error={errors.member_user}
            />
            <TextField name="member_name" label={t('meetings.members.name')} hint={t('meetings.members.name_hint')} value={view.memberForm.name} error={errors.member_name} maxLength={400} />
            <TextField name="member_role" label={t('meetings.members.role')} hint={t('meetings.members.role_hint')} value={view.memberForm.role} error={errors.member_role} maxLength={200} />
            <button type="submit" class="button">{t('meetings.members.add')}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="agencies-title" id="agencies">
        <h2 id="agencies-title">{t('meetings.agencies.title')}</h2>
        <Table
          caption={t('meetings.agencies.title')}
          empty={t('meetings.agencies.empty')}
          rows={view.agencies}
          columns={[
            { header: t('meetings.agencies.agency'), cell: (a) => a.name },
            { header: t('meetings.agencies.representative'), cell: (a) => <bdi>{a.representative}</bdi> },
            { header: t('meetings.attendance.col'), cell: (a) => a.attended },
            ...(manage ? [{ header: t('meetings.col.actions'), cell: (a: MeetingPageView['agencies'][number]) => <ActionButton page={page} action={`${base}/agencies/${a.id}/delete`} label={t('meetings.remove')} secondary /> }] : []),
          ]}
        />
        {manage && view.inviteForm.options.length > 0 && (
          <form method="post" action={`${base}/agencies`} class="card" novalidate>
            <h3>{t('meetings.agencies.add')}</h3>
            <CsrfField token={page.csrfToken} />
            <SelectField
              name="invite_agency" label={t('meetings.agencies.agency')} placeholder={t('meetings.choose')} options={view.inviteForm.options}
              value={view.inviteForm.agency} error={errors.invite_agency} required
            />
            <TextField name="invite_representative" label={t('meetings.agencies.representative')} value={view.inviteForm.representative} error={errors.invite_representative} maxLength={400} />
            <button type="submit" class="button">{t('meetings.agencies.add')}</button>
          </form>
        )}
      </section>

      {manage && (view.attendance.members.length > 0 || view.attendance.agencies.length > 0) && (
        <section aria-labelledby="attendance-title" id="attendance" class="card">
          <h2 id="attendance-title">{t('meetings.attendance.title')}</h2>
          <form method="post" action={`${base}/attendance`} novalidate>
            <CsrfField token={page.csrfToken} />
            {view.attendance.members.length > 0 && (
              <CheckboxGroup
                name="attended_member" label={t('meetings.attendance.members')} hint={t('meetings.attendance.hint')}
                options={view.attendance.members.map((m) => ({ value: String(m.id), label: m.label }))}
                values={view.attendance.members.filter((m) => m.checked).map((m) => String(m.id))}
              />
            )}
            {view.attendance.agencies.length > 0 && (
              <fieldset class="field">
                <legend>{t('meetings.attendance.agencies')}</legend>
                {view.attendance.agencies.map((a) => (
                  <div>
                    <label class="checkbox">
                      <input type="checkbox" name="attended_agency" value={String(a.id)} checked={a.checked} />
                      <span>{a.name}</span>
                    </label>
                    <TextField
                      name={`rep_${a.id}`} label={t('meetings.attendance.representative_of', { agency: a.name })} value={a.representative}
                      error={errors[`rep_${a.id}`]} maxLength={400}
                    />
                  </div>
                ))}
              </fieldset>
            )}
            <button type="submit" class="button">{t('meetings.attendance.save')}</button>
          </form>
        </section>
      )}

      <section aria-labelledby="agenda-title" id="agenda">
        <h2 id="agenda-title">{t('meetings.agenda.title')}</h2>
        {view.agenda.length === 0 ? (
          <p class="empty">{t('meetings.agenda.empty')}</p>
        ) : (
          <ol class="timeline">
            {view.agenda.map((a) => (
              <li>
                <p>
                  <strong>{a.position}. </strong>
                  <span class="meta">{a.kind}: </span>
                  {a.href ? <a href={a.href}>{a.title}</a> : a.title}
                  {a.determineHref && <> — <a href={a.determineHref}>{t('meetings.agenda.determine')}</a></>}
                </p>
                {a.notesHtml && <Markdown html={a.notesHtml} />}
                {manage && (
                  <p class="button-row">
                    {!a.first && <ActionButton page={page} action={`${base}/agenda/${a.id}/move`} name="direction" value="up" label={t('meetings.agenda.up')} secondary />}
                    {!a.last && <ActionButton page={page} action={`${base}/agenda/${a.id}/move`} name="direction" value="down" label={t('meetings.agenda.down')} secondary />}
                    <ActionButton page={page} action={`${base}/agenda/${a.id}/delete`} label={t('meetings.remove')} secondary />
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        <section aria-labelledby="followup-title" class="card">
          <h3 id="followup-title">{t('meetings.followup.title')}</h3>
          <p class="meta">{t('meetings.followup.lead')}</p>
          <ResolutionTable rows={view.followUp} caption={t('meetings.followup.title')} showMeeting link empty={t('meetings.followup.empty')} />
        </section>
        {manage && (
          <details class="card" open={view.kept?.form === 'agenda'}>
            <summary>{t('meetings.agenda.add')}</summary>
            <SuggestionList page={page} base={base} heading={t('meetings.suggest.plans')} items={view.suggestions.plans} />
            <SuggestionList page={page} base={base} heading={t('meetings.suggest.compliance')} items={view.suggestions.compliance} />
            <SuggestionList page={page} base={base} heading={t('meetings.suggest.needs')} items={view.suggestions.needs} />
            <form method="post" action={`${base}/agenda`} novalidate>
              <h4>{t('meetings.agenda.other')}</h4>
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="item_kind" value="other" />
              <TextField name="item_title" label={t('meetings.agenda.item_title')} value={view.agendaForm.title} error={errors.item_title ?? errors.item_ref ?? errors.item_kind} maxLength={600} required />
              <TextAreaField name="item_notes" label={t('meetings.agenda.item_notes')} value={view.agendaForm.notes} error={errors.item_notes} rows={3} maxLength={4000} />
              <button type="submit" class="button">{t('meetings.agenda.add')}</button>
            </form>
          </details>
        )}
      </section>

      <section aria-labelledby="determinations-title" id="determinations">
        <h2 id="determinations-title">{t('meetings.determinations.title')}</h2>
        <p class="meta">{t('meetings.determinations.lead')}</p>
        <Table
          caption={t('meetings.determinations.title')}
          empty={t('meetings.determinations.empty')}
          rows={view.determinations}
          columns={[
            { header: t('meetings.determinations.plan'), cell: (d) => <a href={d.planHref}>{d.planTitle}</a> },
            { header: t('meetings.resolutions.col.agency'), cell: (d) => d.agency },
            { header: t('meetings.determinations.outcome'), cell: (d) => <Badge>{d.outcome}</Badge> },
            { header: t('meetings.determinations.reasons'), cell: (d) => d.reasons },
          ]}
        />
      </section>

      <section aria-labelledby="resolutions-title" id="resolutions">
        <h2 id="resolutions-title">{t('meetings.resolutions.title')}</h2>
        <ResolutionTable rows={view.resolutions} caption={t('meetings.resolutions.title')} link />
        {manage && (
          <form method="post" action={`${base}/resolutions`} class="card" novalidate>
            <h3>{t('meetings.resolutions.add')}</h3>
            <CsrfField token={page.csrfToken} />
            <TextAreaField name="text" label={t('meetings.resolutions.text')} value={view.resolutionForm.text} error={errors.text} rows={3} maxLength={8000} required />
            <SelectField
              name="agencyId" label={t('meetings.resolutions.agency')} placeholder={t('meetings.choose')} options={view.resolutionForm.agencies}
              value={view.resolutionForm.agencyId} error={errors.agencyId} required
            />
            <TextField
              name="deadline" label={t('meetings.resolutions.deadline')} hint={t('meetings.field.date_hint')} value={view.resolutionForm.deadline}
              error={errors.deadline} inputMode="numeric" maxLength={20} required
            />
            <button type="submit" class="button">{t('meetings.resolutions.add')}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="minutes-title" id="minutes-section">
        <h2 id="minutes-title">{t('meetings.minutes.title')}</h2>
        {view.minutes.html ? <div class="card"><Markdown html={view.minutes.html} /></div> : <p class="empty">{t('meetings.minutes.empty')}</p>}
        {manage && (
          <form method="post" action={`${base}/minutes`} novalidate>
            <CsrfField token={page.csrfToken} />
            <TextAreaField
              name="minutes" label={t('meetings.minutes.field')} hint={t('meetings.markdown_hint')} value={view.minutes.value} error={errors.minutes} rows={12} maxLength={100_000}
            />
            <button type="submit" class="button">{t('meetings.minutes.save')}</button>
          </form>
        )}
        {view.canHold && (
          <>
            <p class="meta">{t('meetings.held.hint')}</p>
            <ActionButton page={page} action={`${base}/held`} label={t('meetings.held.button')} />
          </>
        )}
      </section>

      <section aria-labelledby="attachments-title" id="attachments">
        <h2 id="attachments-title">{t('meetings.attachments.title')}</h2>
        <Table
          caption={t('meetings.attachments.title')}
          empty={t('meetings.attachments.empty')}
          rows={view.attachments}
          columns={[
            { header: t('meetings.attachments.name'), cell: (a) => <a href={a.href}><bdi>{a.name}</bdi></a> },
            { header: t('meetings.attachments.type'), cell: (a) => `${a.type} · ${a.size}` },
            { header: t('meetings.attachments.visibility'), cell: (a) => a.visibility },
            ...(manage ? [{ header: t('meetings.col.actions'), cell: (a: MeetingPageView['attachments'][number]) => <ActionButton page={page} action={`${a.href}/delete`} label={t('meetings.remove')} secondary /> }] : []),
          ]}
        />
        {manage && (
          <form method="post" action={`${base}/attachments`} enctype="multipart/form-data" class="card" novalidate>
            <h3>{t('meetings.attachments.add')}</h3>
            <CsrfField token={page.csrfToken} />
            <div class={`field${errors.file ? ' field-invalid' : ''}`}>
              <label for="file">{t('meetings.attachments.file')}</label>
              <p class="hint" id="file-hint">{t('meetings.attachments.hint')}</p>
              {errors.file && <p class="field-error" id="file-error">{errors.file}</p>}
              <input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby={errors.file ? 'file-hint file-error' : 'file-hint'} />
            </div>
            <label class="checkbox">
              <input type="checkbox" name="is_public" value="1" />
              <span>{t('meetings.attachments.make_public')}</span>
            </label>
            <button type="submit" class="button">{t('meetings.attachments.upload')}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="summary-title" id="summary-section">
        <h2 id="summary-title">{t('meetings.summary.title')}</h2>
        <p class="meta">{t('meetings.summary.lead')}</p>
        {view.summary.html && <div class="card"><Markdown html={view.summary.html} /></div>}
        {manage && (
          <form method="post" action={`${base}/summary`} novalidate>
            <CsrfField token={page.csrfToken} />
            <TextAreaField
              name="summary" label={t('meetings.summary.field')} hint={t('meetings.markdown_hint')} value={view.summary.value} error={errors.summary} rows={8} maxLength={20_000}
            />
            <p class="button-row">
              <button type="submit" name="action" value="save" class="button button-secondary">{t('meetings.summary.save')}</button>
              {view.summary.canPublish && <button type="submit" name="action" value="publish" class="button">{t('meetings.summary.publish')}</button>}
            </p>
            {view.status === 'draft' && <p class="meta">{t('meetings.summary.publish_later')}</p>}
          </form>
        )}
      </section>
    </Layout>
  );
}
