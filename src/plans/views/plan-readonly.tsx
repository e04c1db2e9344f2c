import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Table } from '../../platform/views/components.tsx';
import { fieldLabel } from '../form-steps.ts';
import type { ReadonlyPlanView } from '../form-view.ts';

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Lines({ items }: { items: string[] }) {
  if (items.length === 0) return <p>{t('planForm.readonly.none')}</p>;
  return <ul>{items.map((i) => <li>{i}</li>)}</ul>;
}

/** Paragraphs of a text as written (one per line). */
function Paragraphs({ text }: { text: string }) {
  return <>{text.split('\n').map((p) => <p>{p}</p>)}</>;
}

/** The whole plan, read-only, in the order of the form: what the secretariat screens and the officers review. */
export function PlanReadonly({ plan }: { plan: ReadonlyPlanView }) {
  return (
    <div class="plan-readonly">
      <Section title={t('planForm.step.basics')}>
        <dl class="kv">
          <div><dt>{fieldLabel('title')}</dt><dd>{plan.title}</dd></div>
          <div><dt>{fieldLabel('summary')}</dt><dd><Paragraphs text={plan.summary} /></dd></div>
          <div><dt>{fieldLabel('harms')}</dt><dd>{plan.harms}</dd></div>
          <div><dt>{fieldLabel('interventionTypes')}</dt><dd>{plan.interventions}</dd></div>
        </dl>
      </Section>
      <Section title={fieldLabel('targetGroups')}>
        <Table
          rows={plan.targets}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.group'), cell: (r) => r.group },
            { header: `${t('planForm.cell.female')} / ${t('planForm.cell.male')}`, cell: (r) => r.people },
            ...plan.bandLabels.map((label, i) => ({ header: label, cell: (r: ReadonlyPlanView['targets'][number]) => r.bands[i], numeric: true })),
          ]}
        />
      </Section>
      <Section title={fieldLabel('placeIds')}>
        <Lines items={plan.places} />
      </Section>
      <Section title={fieldLabel('evidence')}>
        <Table
          rows={plan.evidence}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.statement'), cell: (r) => r.statement },
            { header: t('planForm.cell.value'), cell: (r) => r.value },
            { header: t('planForm.cell.year'), cell: (r) => r.year },
            { header: t('planForm.cell.source'), cell: (r) => r.source },
          ]}
        />
      </Section>
      <Section title={t('planForm.step.logframe')}>
        <dl class="kv">
          <div><dt>{fieldLabel('goal')}</dt><dd>{plan.goal}</dd></div>
          <div><dt>{fieldLabel('outcomes')}</dt><dd><Lines items={plan.outcomes} /></dd></div>
          <div><dt>{fieldLabel('outputs')}</dt><dd><Lines items={plan.outputs} /></dd></div>
          <div><dt>{fieldLabel('activities')}</dt><dd><Lines items={plan.activities} /></dd></div>
          <div><dt>{fieldLabel('assumptions')}</dt><dd><Paragraphs text={plan.assumptions} /></dd></div>
        </dl>
        <Table
          caption={fieldLabel('indicators')}
          rows={plan.indicators}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.level'), cell: (r) => r.level },
            { header: t('planForm.cell.statement'), cell: (r) => r.statement },
            { header: t('planForm.cell.unit'), cell: (r) => r.unit },
            { header: t('planForm.cell.baseline'), cell: (r) => r.baseline, numeric: true },
            { header: t('planForm.cell.target'), cell: (r) => r.target, numeric: true },
            { header: t('planForm.cell.period'), cell: (r) => r.period },
            { header: t('planForm.cell.mov'), cell: (r) => r.mov },
          ]}
        />
      </Section>
      <Section title={t('planForm.step.budget')}>
        <Table
          caption={fieldLabel('budgetLines')}
          rows={plan.lines}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.item'), cell: (r) => r.item },
            { header: t('planForm.cell.unit'), cell: (r) => r.unit },
            { header: t('planForm.cell.unit_cost'), cell: (r) => r.unitCost, numeric: true },
            { header: t('planForm.cell.quantity'), cell: (r) => r.quantity, numeric: true },
            { header: t('planForm.cell.total'), cell: (r) => r.total, numeric: true },
          ]}
        />
        <p>{t('planForm.readonly.total')}: {plan.linesSum}</p>
        <Table
          caption={fieldLabel('cofunding')}
          rows={plan.cofunding}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.source'), cell: (r) => r.source },
            { header: t('planForm.cell.amount'), cell: (r) => r.amount, numeric: true },
          ]}
        />
        <dl class="kv">
          <div>
            <dt>{fieldLabel('requestedTotal')}</dt>
            <dd>{plan.requested} <span class="meta">({plan.requestedWords})</span></dd>
          </div>
        </dl>
      </Section>
      <Section title={t('planForm.step.schedule')}>
        <dl class="kv">
          <div><dt>{fieldLabel('startDate')}</dt><dd>{plan.startDate}</dd></div>
          <div><dt>{fieldLabel('endDate')}</dt><dd>{plan.endDate}</dd></div>
        </dl>
        <Table
          caption={fieldLabel('schedule')}
          rows={plan.schedule}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.activity'), cell: (r) => r.activity },
            { header: t('planForm.cell.start'), cell: (r) => r.start },
            { header: t('planForm.cell.end'), cell: (r) => r.end },
          ]}
        />
      </Section>
      <Section title={t('planForm.step.partners')}>
        <Table
          caption={fieldLabel('partners')}
          rows={plan.partners}
          empty={t('planForm.readonly.none')}
          columns={[
            { header: t('planForm.cell.name'), cell: (r) => r.name },
            { header: t('planForm.cell.kind'), cell: (r) => r.kind },
          ]}
        />
        <dl class="kv">
          <div><dt>{fieldLabel('participationPlan')}</dt><dd><Paragraphs text={plan.participation} /></dd></div>
          <div><dt>{fieldLabel('hasOverlap')}</dt><dd>{plan.overlap}</dd></div>
          <div><dt>{fieldLabel('overlapDescription')}</dt><dd><Paragraphs text={plan.overlapDescription} /></dd></div>
        </dl>
      </Section>
      <Section title={t('planForm.readonly.attachments')}>
        {plan.attachments.length === 0 ? (
          <p>{t('planForm.attachments_none')}</p>
        ) : (
          <ul>
            {plan.attachments.map((a) => (
              <li>
                <a href={a.href}><bdi>{a.name}</bdi></a> <span class="meta">({a.type}، {a.size})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
