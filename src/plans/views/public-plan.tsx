import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Badge, Table } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { CommentThread, type CommentFormModel, type ThreadView } from '../../comments/views/thread.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import type { SupportBoxView } from '../support-view.ts';
import { SupportBox } from './support-box.tsx';
import { CitedNeedsSection, type CitedNeedView } from '../../needs/views/need-sections.tsx';

export type Fact = { label: string; value: string; extra?: string; href?: string };
export type TargetRowView = { group: string; female: string; male: string; total: string; byAge: string[] };
export type PlaceView = { href: string; name: string; kind: string; county: string | null };
export type EvidenceView = { statement: string; value: string; year: string; source: string };
export type IndicatorView = { level: string; statement: string; unit: string; baselineToTarget: string; period: string; verification: string };
export type BudgetLineView = { item: string; unit: string; unitCost: string; quantity: string; total: string };
export type AmountRowView = { source: string; amount: string };
export type ScheduleView = { activity: string; start: string; end: string };
export type AttachmentView = { href: string; name: string; type: string };

export type PublicPlanView = {
  title: string;
  statusLabel: string;
  isPublic: boolean;
  isDemo: boolean;
  crumbs: Crumb[];
  facts: Fact[];
  summary: string[];
  harms: string[];
  interventions: string[];
  ageHeaders: string[];
  targets: TargetRowView[];
  places: PlaceView[];
  evidence: EvidenceView[];
  goal: string;
  outcomes: string[];
  outputs: string[];
  activities: string[];
  assumptions: string[];
  indicators: IndicatorView[];
  budgetLines: BudgetLineView[];
  budgetTotal: string;
  cofunding: AmountRowView[];
  schedule: ScheduleView[];
  partners: string[];
  participation: string[];
  overlap: { declared: boolean; text: string[] };
  attachments: AttachmentView[];
  /** Residents' needs the plan cites as evidence, most supported first. */
  citedNeeds?: CitedNeedView[];
};

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const Paragraphs = ({ lines }: { lines: string[] }) =>
  lines.length ? <>{lines.map((p) => <p>{p}</p>)}</> : <p class="meta">{t('planPublic.none')}</p>;

const List = ({ items }: { items: string[] }) =>
  items.length ? <ul>{items.map((i) => <li>{i}</li>)}</ul> : <p class="meta">{t('planPublic.none')}</p>;

/** /plans/:id: everything a citizen needs to understand one plan, from its need to its budget. */
export function PublicPlanPage({
  page, view, comments, support,
}: { page: PageContext; view: PublicPlanView; comments?: { thread: ThreadView; form: CommentFormModel | null } | null; support?: SupportBoxView | null }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={view.crumbs}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <Badge>{view.statusLabel}</Badge>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      {!view.isPublic && <p class="flash flash-info">{t('planPublic.page.not_public')}</p>}

      <section aria-labelledby="facts">
        <h2 id="facts">{t('planPublic.page.facts')}</h2>
        <dl class="kv">
          {view.facts.map((f) => (
            <div>
              <dt>{f.label}</dt>
              <dd>
                {f.href ? <a href={f.href}>{f.value}</a> : f.value}
                {f.extra && <><br /><span class="meta">{f.extra}</span></>}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <Section id="summary" title={t('planPublic.page.summary')}>
        <Paragraphs lines={view.summary} />
      </Section>

      {support && <SupportBox page={page} view={support} />}

      <Section id="focus" title={t('planPublic.page.focus')}>
        <h3>{t('planField.harms')}</h3>
        <List items={view.harms} />
        <h3>{t('planField.interventionTypes')}</h3>
        <List items={view.interventions} />
      </Section>

      <Section id="beneficiaries" title={t('planPublic.page.beneficiaries')}>
        <Table
          caption={t('planPublic.page.beneficiaries_caption')}
          rows={view.targets}
          empty={t('planPublic.none')}
          columns={[
            { header: t('planPublic.col.group'), cell: (r: TargetRowView) => r.group },
            { header: t('planPublic.col.female'), cell: (r: TargetRowView) => r.female, numeric: true },
            { header: t('planPublic.col.male'), cell: (r: TargetRowView) => r.male, numeric: true },
            { header: t('planPublic.col.total'), cell: (r: TargetRowView) => r.total, numeric: true },
            ...view.ageHeaders.map((h, i) => ({ header: h, cell: (r: TargetRowView) => r.byAge[i] ?? '', numeric: true })),
          ]}
        />
      </Section>

      <Section id="places" title={t('planField.placeIds')}>
        {view.places.length ? (
          <>
            <p>{t('planPublic.page.places_lead')}</p>
            <ul>
              {view.places.map((p) => (
                <li>
                  <a href={p.href}>{p.kind} {p.name}</a>
                  {p.county && <span class="meta"> — {p.county}</span>}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="meta">{t('planPublic.none')}</p>
        )}
      </Section>

      <Section id="evidence" title={t('planPublic.page.evidence')}>
        <Table
          rows={view.evidence}
          empty={t('planPublic.none')}
          columns={[
            { header: t('planPublic.col.statement'), cell: (r: EvidenceView) => r.statement },
            { header: t('planPublic.col.value'), cell: (r: EvidenceView) => r.value },
            { header: t('planPublic.col.year'), cell: (r: EvidenceView) => r.year },
            { header: t('planPublic.col.source'), cell: (r: EvidenceView) => r.source },
          ]}
        />
      </Section>

      <CitedNeedsSection needs={view.citedNeeds ?? []} />

      <Section id="logframe" title={t('planPublic.page.logframe')}>
        <h3>{t('planField.goal')}</h3>
        <Paragraphs lines={view.goal ? [view.goal] : []} />
        <h3>{t('planField.outcomes')}</h3>
        <List items={view.outcomes} />
        <h3>{t('planField.outputs')}</h3>
        <List items={view.outputs} />
        <h3>{t('planField.activities')}</h3>
        <List items={view.activities} />
        <h3>{t('planField.indicators')}</h3>
        <Table
          caption={t('planPublic.page.indicators_caption')}
          rows={view.indicators}
          empty={t('planPublic.none')}
          columns={[
            { header: t('planPublic.col.level'), cell: (r: IndicatorView) => r.level },
            { header: t('planPublic.col.indicator'), cell: (r: IndicatorView) => r.statement },
            { header: t('planPublic.col.unit'), cell: (r: IndicatorView) => r.unit },
            { header: t('planPublic.col.baseline_target'), cell: (r: IndicatorView) => r.baselineToTarget, numeric: true },
            { header: t('planPublic.col.period'), cell: (r: IndicatorView) => r.period },
            { header: t('planPublic.col.verification'), cell: (r: IndicatorView) => r.verification },
          ]}
        />
        <h3>{t('planField.assumptions')}</h3>
        <Paragraphs lines={view.assumptions} />
      </Section>

      <Section id="budget" title={t('planPublic.page.budget')}>
        <Table
          caption={t('planPublic.page.budget_caption')}
          rows={view.budgetLines}
          empty={t('planPublic.none')}
          columns={[
            { header: t('planPublic.col.item'), cell: (r: BudgetLineView) => r.item },
            { header: t('planPublic.col.unit'), cell: (r: BudgetLineView) => r.unit },
            { header: t('planPublic.col.unit_cost'), cell: (r: BudgetLineView) => r.unitCost, numeric: true },
            { header: t('planPublic.col.quantity'), cell: (r: BudgetLineView) => r.quantity, numeric: true },
            { header: t('planPublic.col.line_total'), cell: (r: BudgetLineView) => r.total, numeric: true },
          ]}
        />
        <p><strong>{view.budgetTotal}</strong></p>
        <h3>{t('planField.cofunding')}</h3>
        <Table
          caption={t('planPublic.page.cofunding_caption')}
          rows={view.cofunding}
          empty={t('planPublic.page.cofunding_none')}
          columns={[
            { header: t('planPublic.col.source'), cell: (r: AmountRowView) => r.source },
            { header: t('planPublic.col.amount'), cell: (r: AmountRowView) => r.amount, numeric: true },
          ]}
        />
      </Section>

      <Section id="schedule" title={t('planField.schedule')}>
        <Table
          caption={t('planPublic.page.schedule_caption')}
          rows={view.schedule}
          empty={t('planPublic.none')}
          columns={[
            { header: t('planPublic.col.activity'), cell: (r: ScheduleView) => r.activity },
            { header: t('planPublic.col.start'), cell: (r: ScheduleView) => r.start },
            { header: t('planPublic.col.end'), cell: (r: ScheduleView) => r.end },
          ]}
        />
      </Section>

      <Section id="partners" title={t('planField.partners')}>
        {view.partners.length ? <List items={view.partners} /> : <p class="meta">{t('planPublic.page.partners_none')}</p>}
      </Section>

      <Section id="participation" title={t('planField.participationPlan')}>
        <Paragraphs lines={view.participation} />
      </Section>

      <Section id="overlap" title={t('planField.hasOverlap')}>
        {view.overlap.declared ? (
          <>
            <p>{t('planPublic.page.overlap_yes')}</p>
            <Paragraphs lines={view.overlap.text} />
          </>
        ) : (
          <p>{t('planPublic.page.overlap_none')}</p>
        )}
      </Section>

      <Section id="attachments" title={t('planPublic.page.attachments')}>
        {view.attachments.length ? (
          <ul>
            {view.attachments.map((a) => (
              <li>
                <a href={a.href}>
                  <bdi>{a.name}</bdi>
                </a>{' '}
                <span class="meta">({a.type})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('planPublic.page.attachments_none')}</p>
        )}
      </Section>

      {comments && <CommentThread thread={comments.thread} form={comments.form} />}

      <p><a href="/plans">{t('planPublic.page.back')}</a></p>
    </Layout>
  );
}
