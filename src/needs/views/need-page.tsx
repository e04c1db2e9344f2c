import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, SelectField, TextAreaField, type SelectOption } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { CommentThread, type CommentFormModel, type ThreadView } from '../../comments/views/thread.tsx';
import type { NeedStatus } from '../need-status.ts';
import { NeedStatusBadge } from './need-list.tsx';

export type LinkedPlanView = { href: string; title: string; status: string };

export type NeedManageView = {
  action: string;
  csrfToken: string;
  statusOptions: SelectOption[];
  /** Plans are chosen only when the need may become addressed. */
  offerPlans: boolean;
  status: string;
  note: string;
  plans: { value: string; label: string; checked: boolean }[];
  errors: Record<string, string>;
};

export type NeedPageView = {
  id: number;
  title: string;
  status: NeedStatus;
  statusLabel: string;
  isDemo: boolean;
  crumbs: Crumb[];
  /** The place first, then what it lies in. */
  places: { href: string; label: string }[];
  author: string;
  date: string;
  statusNote: string[];
  statusWhen: string | null;
  harms: string[];
  targets: string[];
  photo: { src: string; alt: string } | null;
  paragraphs: string[];
  addressing: LinkedPlanView[];
  citing: LinkedPlanView[];
  support:
    | { count: string; state: 'anonymous'; loginHref: string }
    | { count: string; state: 'own' | 'closed' }
    | { count: string; state: 'can' | 'supported'; action: string; csrfToken: string };
  manage: NeedManageView | null;
  listHref: string;
};

const PlanList = ({ plans }: { plans: LinkedPlanView[] }) => (
  <ul>
    {plans.map((p) => (
      <li>
        <a href={p.href}>{p.title}</a> <span class="meta">({p.status})</span>
      </li>
    ))}
  </ul>
);

function SupportBox({ s }: { s: NeedPageView['support'] }) {
  return (
    <section id="support" class="card need-support" aria-labelledby="support-title">
      <h2 id="support-title">{t('needs.support.title')}</h2>
      <p class="need-count">{s.count}</p>
      {s.state === 'anonymous' && <p><a class="button" href={s.loginHref}>{t('needs.support.sign_in')}</a></p>}
      {s.state === 'own' && <p class="meta">{t('needs.support.own_note')}</p>}
      {s.state === 'closed' && <p class="meta">{t('needs.support.closed')}</p>}
      {s.state === 'can' && (
        <form method="post" action={s.action}>
          <CsrfField token={s.csrfToken} />
          <button type="submit" class="button">{t('needs.support.button')}</button>
        </form>
      )}
      {s.state === 'supported' && (
        <form method="post" action={s.action}>
          <CsrfField token={s.csrfToken} />
          <p><strong>{t('needs.support.done')}</strong></p>
          <button type="submit" class="button button-secondary">{t('needs.support.withdraw')}</button>
        </form>
      )}
    </section>
  );
}

function ManageForm({ m }: { m: NeedManageView }) {
  const labels = { status: t('needs.manage.status'), note: t('needs.manage.note'), plans: t('needs.manage.plans') };
  return (
    <section id="manage" class="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('needs.manage.title')}</h2>
      <ErrorSummary errors={m.errors} labels={labels} />
      {m.statusOptions.length === 0 ? (
        <p class="meta">{t('needs.manage.final')}</p>
      ) : (
        <form method="post" action={m.action} novalidate>
          <CsrfField token={m.csrfToken} />
          <SelectField name="status" label={labels.status} value={m.status} placeholder={t('needs.manage.choose')} options={m.statusOptions} error={m.errors.status} required />
          <TextAreaField name="note" label={labels.note} hint={t('needs.manage.note_hint')} value={m.note} rows={3} maxLength={1000} error={m.errors.note} />
          {m.offerPlans && (
            <fieldset class={`field checkbox-group${m.errors.plans ? ' field-invalid' : ''}`}>
              <legend>{labels.plans}</legend>
              <p class="hint">{t('needs.manage.plans_hint')}</p>
              {m.errors.plans && <p class="field-error">{m.errors.plans}</p>}
              {m.plans.length === 0 && <p class="meta">{t('needs.manage.no_plans')}</p>}
              {m.plans.map((p) => (
                <label class="checkbox">
                  <input type="checkbox" name="plans" value={p.value} checked={p.checked} />
                  <span>{p.label}</span>
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" class="button">{t('needs.manage.submit')}</button>
        </form>
      )}
    </section>
  );
}

/** /needs/:id: the need, its place, state and plans, support, the secretariat's form and the comments. */
export function NeedPage({ page, view, comments }: { page: PageContext; view: NeedPageView; comments: { thread: ThreadView; form: CommentFormModel | null } }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={view.crumbs}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <NeedStatusBadge status={view.status} label={view.statusLabel} />
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      <dl class="kv">
        <div>
          <dt>{t('needs.field.place')}</dt>
          <dd>
            {view.places.map((p, i) => (
              <>
                {i > 0 && '، '}
                <a href={p.href}>{p.label}</a>
              </>
            ))}
          </dd>
        </div>
        <div><dt>{t('needs.page.author')}</dt><dd><bdi>{view.author}</bdi></dd></div>
        <div><dt>{t('needs.page.date')}</dt><dd>{view.date}</dd></div>
        <div><dt>{t('needs.field.harms')}</dt><dd>{view.harms.join('، ') || '—'}</dd></div>
        <div><dt>{t('needs.field.targets')}</dt><dd>{view.targets.join('، ') || '—'}</dd></div>
        <div>
          <dt>{t('needs.page.status')}</dt>
          <dd>
            {view.statusLabel}
            {view.statusWhen && <span class="meta"> ({view.statusWhen})</span>}
          </dd>
        </div>
      </dl>
      {view.statusNote.length > 0 && (
        <div class="flash flash-info" role="note">
          <p>{t('needs.page.status_note')}</p>
          {view.statusNote.map((p) => <p>{p}</p>)}
        </div>
      )}

      <section aria-labelledby="body-title" class="card">
        <h2 id="body-title">{t('needs.page.description')}</h2>
        {view.photo && <img class="need-photo" src={view.photo.src} alt={view.photo.alt} loading="lazy" />}
        {view.paragraphs.map((p) => <p>{p}</p>)}
      </section>

      <SupportBox s={view.support} />

      {(view.addressing.length > 0 || view.citing.length > 0) && (
        <section aria-labelledby="plans-title" class="card">
          <h2 id="plans-title">{t('needs.page.plans')}</h2>
          {view.addressing.length > 0 && (
            <>
              <h3>{t('needs.page.addressing')}</h3>
              <PlanList plans={view.addressing} />
            </>
          )}
          {view.citing.length > 0 && (
            <>
              <h3>{t('needs.page.citing')}</h3>
              <PlanList plans={view.citing} />
            </>
          )}
        </section>
      )}

      {view.manage && <ManageForm m={view.manage} />}

      <CommentThread thread={comments.thread} form={comments.form} />

      <p><a href={view.listHref}>{t('needs.page.more_here')}</a></p>
    </Layout>
  );
}
