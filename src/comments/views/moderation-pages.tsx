import { t } from '../../platform/i18n/t.ts';
import {
  Badge, CsrfField, ErrorSummary, Pager, SelectField, StatList, Table, TextAreaField, TextField,
  type FieldErrors, type PagerModel, type SelectOption, type Stat,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import type { Segment } from '../highlight.ts';

const QUEUE = '/admin/moderation';

const crumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  { label: t('admin.title'), href: '/admin' },
  ...(rest.length ? [{ label: t('moderationQueue.title'), href: QUEUE }, ...rest] : [{ label: t('moderationQueue.title') }]),
];

/** Links between the queue, the statistics and the blocks; the current one marked. */
function SectionNav({ path }: { path: string }) {
  const links = [
    { href: QUEUE, label: t('moderationQueue.title') },
    { href: `${QUEUE}/stats`, label: t('moderationQueue.stats.title') },
    { href: `${QUEUE}/blocks`, label: t('moderationQueue.blocks.title') },
  ];
  return (
    <nav class="moderation-sections" aria-label={t('moderationQueue.sections_label')}>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.href === path ? 'page' : undefined}>{l.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ---- the queue ----------------------------------------------------------------------------------

export type QueueViewName = 'held' | 'hidden' | 'reported' | 'rejected';

export type QueueItemView = {
  id: number;
  checked: boolean;
  subject: { title: string; href: string | null; filterHref: string };
  author: { name: string; mobile: string | null; blockHref: string };
  when: string;
  whenIso: string;
  status: string;
  /** The answered comment, shortened, when this one is a reply. */
  parentExcerpt: string | null;
  /** The stored body cut at the reasons' spans (digits already Persian). */
  body: Segment[];
  reasons: { label: string; message: string }[];
  scores: { label: string; value: string }[];
  reports: { total: number; byReason: { label: string; count: number }[]; notes: string[] };
  moderatorNote: string | null;
  decidedAt: string | null;
  canReject: boolean;
};

export type QueuePageView = {
  view: QueueViewName;
  tabs: { label: string; href: string; current: boolean }[];
  filter: { reason: string; subject: string; reasonOptions: SelectOption[]; subjectOptions: SelectOption[]; active: boolean; clearHref: string };
  /** Hidden fields that bring the decision back to the same view, filter and page. */
  back: { view: string; reason: string; subject: string; page: string };
  items: QueueItemView[];
  pager: PagerModel;
  ruleOptions: SelectOption[];
  values: { rule: string; note: string };
  errors: FieldErrors;
  emptyText: string;
};

function Body({ segments }: { segments: Segment[] }) {
  return (
    <p class="moderation-body">
      {segments.map((s) => (s.marked ? <mark>{s.text}</mark> : s.text))}
    </p>
  );
}

function QueueItem({ item, view }: { item: QueueItemView; view: QueueViewName }) {
  const headingId = `comment-${item.id}-title`;
  const checkId = `select-${item.id}`;
  return (
    <li class="card moderation-item" id={`comment-${item.id}`}>
      <article aria-labelledby={headingId}>
        <header class="moderation-item-head">
          <label class="checkbox" for={checkId}>
            <input type="checkbox" id={checkId} name="ids" value={String(item.id)} checked={item.checked} />
            <span>{t('moderationQueue.select_item', { id: item.id })}</span>
          </label>
          <div>
            <h2 id={headingId} class="moderation-item-title">
              {t('moderationQueue.about')}{' '}
              {item.subject.href ? <a href={item.subject.href}>{item.subject.title}</a> : item.subject.title}
            </h2>
            <p class="meta">
              <strong><bdi>{item.author.name}</bdi></strong>
              {item.author.mobile && <> <bdi dir="ltr">{item.author.mobile}</bdi></>}
              {' · '}
              <time datetime={item.whenIso}>{item.when}</time>
              {' · '}
              <Badge tone="warn">{item.status}</Badge>
            </p>
            <p class="meta moderation-links">
              <a href={item.author.blockHref}>{t('moderationQueue.block_author')}</a>
              <a href={item.subject.filterHref}>{t('moderationQueue.filter.this_subject')}</a>
            </p>
          </div>
        </header>
        {item.parentExcerpt && (
          <blockquote class="comment-quote">
            <p class="meta">{t('moderationQueue.in_reply')}</p>
            <p>{item.parentExcerpt}</p>
          </blockquote>
        )}
        <Body segments={item.body} />
        <div class="moderation-facts">
          <div>
            <h3>{t('moderationQueue.reasons')}</h3>
            {item.reasons.length ? (
              <ul>
                {item.reasons.map((r) => (
                  <li>
                    <Badge tone="warn">{r.label}</Badge> {r.message}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="meta">{t('moderationQueue.no_reasons')}</p>
            )}
          </div>
          {item.scores.length > 0 && (
            <div>
              <h3>{t('moderationQueue.scores')}</h3>
              <dl class="moderation-scores">
                {item.scores.map((s) => (
                  <div>
                    <dt>{s.label}</dt>
                    <dd>{s.value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          )}
          {item.reports.total > 0 && (
            <div>
              <h3>{t('moderationQueue.reports', { count: item.reports.total })}</h3>
              <ul>
                {item.reports.byReason.map((r) => (
                  <li>{t('moderationQueue.report_count', { reason: r.label, count: r.count })}</li>
                ))}
                {item.reports.notes.map((n) => (
                  <li class="meta">{t('moderationQueue.report_note', { note: n })}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
        {item.moderatorNote && <p class="meta">{t('moderationQueue.moderator_note', { note: item.moderatorNote })}</p>}
        {item.decidedAt && <p class="meta">{t('moderationQueue.decided_at', { when: item.decidedAt })}</p>}
        <p class="moderation-quick">
          <button type="submit" name="only" value={`approve:${item.id}`} class="button button-small" aria-describedby={headingId}>
            {view === 'reported' ? t('moderationQueue.dismiss_one') : t('moderationQueue.approve_one')}
          </button>
          {item.canReject && (
            <button type="submit" name="only" value={`reject:${item.id}`} class="button button-small button-danger" aria-describedby={headingId}>
              {t('moderationQueue.reject_one')}
            </button>
          )}
        </p>
      </article>
    </li>
  );
}

/** /admin/moderation: the tabs, the filter, and one form around the list for bulk and per-comment decisions. */
export function ModerationQueuePage({ page, view }: { page: PageContext; view: QueuePageView }) {
  const anyRejectable = view.items.some((i) => i.canReject);
  return (
    <Layout page={page} title={t('moderationQueue.title')} breadcrumbs={crumbs()}>
      <h1>{t('moderationQueue.title')}</h1>
      <SectionNav path={page.path} />
      <p class="lead">{t('moderationQueue.lead')}</p>
      <nav class="tabs" aria-label={t('moderationQueue.tabs_label')}>
        <ul>
          {view.tabs.map((tab) => (
            <li>
              <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>{tab.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={QUEUE} class="search-form moderation-filter" aria-label={t('moderationQueue.filter.title')}>
        <input type="hidden" name="view" value={view.view} />
        <SelectField name="reason" label={t('moderationQueue.filter.reason')} value={view.filter.reason} options={view.filter.reasonOptions} hideOptional />
        <SelectField
          name="subject" label={t('moderationQueue.filter.subject')} value={view.filter.subject} options={view.filter.subjectOptions} hideOptional
          hint={t('moderationQueue.filter.subject_hint')}
        />
        <button type="submit" class="button button-secondary">{t('moderationQueue.filter.submit')}</button>
        {view.filter.active && <a href={view.filter.clearHref}>{t('moderationQueue.filter.clear')}</a>}
      </form>

      {view.items.length === 0 ? (
        <p class="empty">{view.emptyText}</p>
      ) : (
        <form method="post" action={`${QUEUE}/decide`} novalidate>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="view" value={view.back.view} />
          <input type="hidden" name="reason" value={view.back.reason} />
          <input type="hidden" name="subject" value={view.back.subject} />
          <input type="hidden" name="page" value={view.back.page} />
          <ErrorSummary
            errors={view.errors}
            labels={{ ids: t('moderationQueue.selection'), rule: t('moderationQueue.rule'), note: t('moderationQueue.note') }}
          />
          <fieldset class="card moderation-actions">
            <legend>{t('moderationQueue.actions.title')}</legend>
            <p class="hint">{t('moderationQueue.actions.hint')}</p>
            {anyRejectable && (
              <>
                <SelectField
                  name="rule" label={t('moderationQueue.rule')} value={view.values.rule} options={view.ruleOptions}
                  placeholder={t('moderationQueue.rule_placeholder')} error={view.errors.rule} hideOptional
                />
                <TextAreaField name="note" label={t('moderationQueue.note')} hint={t('moderationQueue.note_hint')} value={view.values.note} error={view.errors.note} rows={2} maxLength={1000} />
              </>
            )}
            <p class="moderation-quick">
              <button type="submit" name="action" value="approve" class="button">
                {view.view === 'reported' ? t('moderationQueue.dismiss_selected') : t('moderationQueue.approve_selected')}
              </button>
              {anyRejectable && (
                <button type="submit" name="action" value="reject" class="button button-danger">{t('moderationQueue.reject_selected')}</button>
              )}
            </p>
          </fieldset>
          {view.errors.ids && <p class="field-error" id="ids-error">{view.errors.ids}</p>}
          <ol class="moderation-list" id="ids" tabIndex={-1} aria-describedby={view.errors.ids ? 'ids-error' : undefined}>
            {view.items.map((item) => (
              <QueueItem item={item} view={view.view} />
            ))}
          </ol>
        </form>
      )}
      <Pager pager={view.pager} />
    </Layout>
  );
}

// ---- blocks -------------------------------------------------------------------------------------

export type BlockFormView = {
  userId: number;
  name: string;
  mobile: string | null;
  commentCount: string;
  activeUntil: string | null;
  max: number;
  values: { days: string; reason: string };
  errors: FieldErrors;
};

/** /admin/moderation/users/:id/block: how long and why. */
export function BlockUserPage({ page, view }: { page: PageContext; view: BlockFormView }) {
  return (
    <Layout page={page} title={t('moderationQueue.block.title')} breadcrumbs={crumbs({ label: t('moderationQueue.block.title') })}>
      <section class="narrow card">
        <h1>{t('moderationQueue.block.title')}</h1>
        <p>{t('moderationQueue.block.lead')}</p>
        <dl class="kv">
          <div>
            <dt>{t('moderationQueue.block.user')}</dt>
            <dd><bdi>{view.name}</bdi></dd>
          </div>
          {view.mobile && (
            <div>
              <dt>{t('moderationQueue.block.mobile')}</dt>
              <dd><bdi dir="ltr">{view.mobile}</bdi></dd>
            </div>
          )}
          <div>
            <dt>{t('moderationQueue.block.comment_count')}</dt>
            <dd>{view.commentCount}</dd>
          </div>
        </dl>
        {view.activeUntil && <p class="flash flash-info">{t('moderationQueue.block.active', { until: view.activeUntil })}</p>}
        <ErrorSummary errors={view.errors} labels={{ days: t('moderationQueue.block.days'), reason: t('moderationQueue.block.reason') }} />
        <form method="post" action={`${QUEUE}/users/${view.userId}/block`} novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField
            name="days" label={t('moderationQueue.block.days')} hint={t('moderationQueue.block.days_hint', { max: view.max })} value={view.values.days}
            error={view.errors.days} inputMode="numeric" maxLength={4} required
          />
          <TextAreaField
            name="reason" label={t('moderationQueue.block.reason')} hint={t('moderationQueue.block.reason_hint')} value={view.values.reason}
            error={view.errors.reason} rows={3} maxLength={500} required
          />
          <button type="submit" class="button button-danger">{t('moderationQueue.block.submit')}</button> <a href={QUEUE}>{t('comments.cancel')}</a>
        </form>
      </section>
    </Layout>
  );
}

export type BlockRowView = { id: number; name: string; mobile: string; until: string; reason: string; since: string };

/** /admin/moderation/blocks: everyone blocked now, each with a lift button. */
export function BlocksPage({ page, rows }: { page: PageContext; rows: BlockRowView[] }) {
  return (
    <Layout page={page} title={t('moderationQueue.blocks.title')} breadcrumbs={crumbs({ label: t('moderationQueue.blocks.title') })}>
      <h1>{t('moderationQueue.blocks.title')}</h1>
      <SectionNav path={page.path} />
      <p class="lead">{t('moderationQueue.blocks.lead')}</p>
      <Table
        caption={t('moderationQueue.blocks.title')}
        empty={t('moderationQueue.blocks.empty')}
        rows={rows}
        columns={[
          { header: t('moderationQueue.blocks.col.user'), cell: (r) => <bdi>{r.name}</bdi> },
          { header: t('moderationQueue.blocks.col.mobile'), cell: (r) => <bdi dir="ltr">{r.mobile}</bdi> },
          { header: t('moderationQueue.blocks.col.since'), cell: (r) => r.since },
          { header: t('moderationQueue.blocks.col.until'), cell: (r) => r.until },
          { header: t('moderationQueue.blocks.col.reason'), cell: (r) => r.reason },
          {
            header: t('moderationQueue.blocks.col.action'),
            cell: (r) => (
              <form method="post" action={`${QUEUE}/blocks/${r.id}/lift`} class="inline-form">
                <CsrfField token={page.csrfToken} />
                <button type="submit" class="button button-small button-secondary" aria-label={t('moderationQueue.blocks.lift_label', { name: r.name })}>
                  {t('moderationQueue.blocks.lift')}
                </button>
              </form>
            ),
          },
        ]}
      />
    </Layout>
  );
}

// ---- statistics ---------------------------------------------------------------------------------

export type StatsView = {
  stats: Stat[];
  medianBasis: string | null;
  byStatus: { label: string; count: string }[];
  byReason: { label: string; count: string }[];
};

/** /admin/moderation/stats: volume by decision and by reason, the median time to a decision, the training export. */
export function ModerationStatsPage({ page, view }: { page: PageContext; view: StatsView }) {
  return (
    <Layout page={page} title={t('moderationQueue.stats.title')} breadcrumbs={crumbs({ label: t('moderationQueue.stats.title') })}>
      <h1>{t('moderationQueue.stats.title')}</h1>
      <SectionNav path={page.path} />
      <StatList stats={view.stats} />
      {view.medianBasis && <p class="meta">{view.medianBasis}</p>}
      <Table
        caption={t('moderationQueue.stats.by_status')}
        empty={t('moderationQueue.stats.no_comments')}
        rows={view.byStatus}
        columns={[
          { header: t('moderationQueue.stats.col.status'), cell: (r) => r.label },
          { header: t('moderationQueue.stats.col.count'), cell: (r) => r.count, numeric: true },
        ]}
      />
      <Table
        caption={t('moderationQueue.stats.by_reason')}
        empty={t('moderationQueue.stats.no_reasons')}
        rows={view.byReason}
        columns={[
          { header: t('moderationQueue.stats.col.reason'), cell: (r) => r.label },
          { header: t('moderationQueue.stats.col.count'), cell: (r) => r.count, numeric: true },
        ]}
      />
      <section class="card" aria-labelledby="examples-title">
        <h2 id="examples-title">{t('moderationQueue.examples.title')}</h2>
        <p>{t('moderationQueue.examples.lead')}</p>
        <pre dir="ltr"><code>npx mahalle moderation train --data moderation-examples.csv</code></pre>
        <p>
          <a class="button button-secondary" href={`${QUEUE}/examples.csv`} download="moderation-examples.csv">{t('moderationQueue.examples.download')}</a>
        </p>
      </section>
    </Layout>
  );
}
