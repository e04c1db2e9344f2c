import { t } from '../../platform/i18n/t.ts';
import { CsrfField, TextField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ageBands } from '../../taxonomy/codes.ts';
import { fieldLabel, stepRowSets } from '../form-steps.ts';
import { ageBandLabels, harmOptions, interventionOptions, levelOptions, partnerOptions, targetOptions, type StepFormView } from '../form-view.ts';
import { Checkboxes, PlanFormFrame, RadioGroup, RowTable, StepButtons, TextAreaField } from './form-parts.tsx';

/** Steps 1–8 of the plan form: one HTML form each, saved on its own. */
export function PlanStepPage({ page, view }: { page: PageContext; view: StepFormView }) {
  const { state, errors } = view;
  const v = (name: string) => state.values[name] ?? '';
  const hasRows = stepRowSets[view.step].length > 0;
  return (
    <PlanFormFrame page={page} frame={view} errors={errors} errorLabels={view.errorLabels}>
      {view.step === 'places' && view.places?.showFilter && (
        <form method="get" action={view.places.filterAction} class="search-form">
          <TextField name="q" label={t('planForm.places_filter')} value={view.places.query} type="search" />
          <button type="submit" class="button button-secondary">{t('planForm.places_filter_submit')}</button>
        </form>
      )}
      <form method="post" action={view.action} novalidate class="card">
        <CsrfField token={page.csrfToken} />
        {view.step === 'basics' && (
          <>
            <TextField name="title" label={fieldLabel('title')} value={v('title')} error={errors.title} required maxLength={200} />
            <TextAreaField name="summary" label={fieldLabel('summary')} hint={t('planForm.summary_hint')} value={v('summary')} error={errors.summary} rows={6} />
            <Checkboxes name="harms" label={fieldLabel('harms')} values={state.lists.harms ?? []} options={harmOptions()} error={errors.harms} />
            <Checkboxes name="interventionTypes" label={fieldLabel('interventionTypes')} values={state.lists.interventionTypes ?? []} options={interventionOptions()} error={errors.interventionTypes} />
          </>
        )}
        {view.step === 'targets' && (
          <RowTable
            set="targetGroups" legend={fieldLabel('targetGroups')} hint={t('planForm.targets_hint')} state={state} errors={errors}
            columns={[
              { cell: 'group', header: t('planForm.cell.group'), kind: 'select', options: targetOptions(), placeholder: t('planForm.choose') },
              { cell: 'female', header: t('planForm.cell.female'), kind: 'number' },
              { cell: 'male', header: t('planForm.cell.male'), kind: 'number' },
              ...ageBands.map((b, i) => ({ cell: `age_${b}`, header: ageBandLabels()[i]!, kind: 'number' as const })),
            ]}
          />
        )}
        {view.step === 'places' && view.places && (
          <fieldset class={`field checkbox-group${errors.placeIds ? ' field-invalid' : ''}`} id="placeIds">
            <legend>{fieldLabel('placeIds')}</legend>
            <p class="hint">{t('planForm.places_hint')}</p>
            {errors.placeIds && <p class="field-error">{errors.placeIds}</p>}
            {view.places.selected.length > 0 && (
              <fieldset>
                <legend>{t('planForm.places_selected')}</legend>
                {view.places.selected.map((o) => (
                  <label class="checkbox">
                    <input type="checkbox" name="placeIds" value={o.value} checked />
                    <span>{o.label}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {view.places.groups.length === 0 && <p class="empty">{t('planForm.places_none')}</p>}
            {view.places.groups.map((g) => (
              <fieldset>
                <legend>{g.label}</legend>
                {g.options.map((o) => (
                  <label class="checkbox">
                    <input type="checkbox" name="placeIds" value={o.value} checked={o.checked} />
                    <span>{o.label}</span>
                  </label>
                ))}
              </fieldset>
            ))}
            {view.places.truncated && <p class="hint">{t('planForm.places_truncated')}</p>}
          </fieldset>
        )}
        {view.step === 'evidence' && (
          <RowTable
            set="evidence" legend={fieldLabel('evidence')} hint={t('planForm.rows_hint')} state={state} errors={errors}
            columns={[
              { cell: 'statement', header: t('planForm.cell.statement'), maxLength: 500 },
              { cell: 'value', header: t('planForm.cell.value'), maxLength: 100 },
              { cell: 'year', header: t('planForm.cell.year'), maxLength: 20 },
              { cell: 'source', header: t('planForm.cell.source'), maxLength: 300 },
            ]}
          />
        )}
        {view.step === 'logframe' && (
          <>
            <TextAreaField name="goal" label={fieldLabel('goal')} value={v('goal')} error={errors.goal} rows={3} />
            <TextAreaField name="outcomes" label={fieldLabel('outcomes')} hint={t('planForm.lines_hint')} value={v('outcomes')} error={errors.outcomes} />
            <TextAreaField name="outputs" label={fieldLabel('outputs')} hint={t('planForm.lines_hint')} value={v('outputs')} error={errors.outputs} />
            <TextAreaField name="activities" label={fieldLabel('activities')} hint={t('planForm.lines_hint')} value={v('activities')} error={errors.activities} />
            <RowTable
              set="indicators" legend={fieldLabel('indicators')} hint={t('planForm.rows_hint')} state={state} errors={errors}
              columns={[
                { cell: 'level', header: t('planForm.cell.level'), kind: 'select', options: levelOptions() },
                { cell: 'statement', header: t('planForm.cell.statement'), maxLength: 500 },
                { cell: 'unit', header: t('planForm.cell.unit'), maxLength: 100 },
                { cell: 'baseline', header: t('planForm.cell.baseline'), kind: 'number' },
                { cell: 'target', header: t('planForm.cell.target'), kind: 'number' },
                { cell: 'period', header: t('planForm.cell.period'), maxLength: 100 },
                { cell: 'mov', header: t('planForm.cell.mov'), maxLength: 300 },
              ]}
            />
            <TextAreaField name="assumptions" label={fieldLabel('assumptions')} value={v('assumptions')} error={errors.assumptions} rows={4} />
          </>
        )}
        {view.step === 'budget' && view.budget && (
          <>
            <RowTable
              set="budgetLines" legend={fieldLabel('budgetLines')} hint={t('planForm.budget_hint')} state={state} errors={errors}
              columns={[
                { cell: 'item', header: t('planForm.cell.item'), maxLength: 300 },
                { cell: 'unit', header: t('planForm.cell.unit'), maxLength: 100 },
                { cell: 'unitCost', header: t('planForm.cell.unit_cost'), kind: 'number' },
                { cell: 'quantity', header: t('planForm.cell.quantity'), kind: 'number' },
              ]}
              computed={{ header: t('planForm.cell.total'), values: view.budget.lineTotals }}
            />
            <p><strong>{view.budget.sum}</strong></p>
            <RowTable
              set="cofunding" legend={fieldLabel('cofunding')} hint={t('planForm.rows_hint')} state={state} errors={errors}
              columns={[
                { cell: 'source', header: t('planForm.cell.source'), maxLength: 300 },
                { cell: 'amount', header: t('planForm.cell.amount'), kind: 'number' },
              ]}
            />
            <TextField name="requestedTotal" label={fieldLabel('requestedTotal')} hint={t('planForm.requested_hint')} value={v('requestedTotal')} error={errors.requestedTotal} inputMode="numeric" />
            {view.budget.requestedWords && <p class="meta">{view.budget.requestedWords}</p>}
          </>
        )}
        {view.step === 'schedule' && (
          <>
            <TextField name="startDate" label={fieldLabel('startDate')} hint={t('planForm.date_hint')} value={v('startDate')} error={errors.startDate} required />
            <TextField name="endDate" label={fieldLabel('endDate')} hint={t('planForm.date_hint')} value={v('endDate')} error={errors.endDate} required />
            <RowTable
              set="schedule" legend={fieldLabel('schedule')} hint={t('planForm.date_hint')} state={state} errors={errors}
              columns={[
                { cell: 'activity', header: t('planForm.cell.activity'), maxLength: 300 },
                { cell: 'start', header: t('planForm.cell.start'), kind: 'date' },
                { cell: 'end', header: t('planForm.cell.end'), kind: 'date' },
              ]}
            />
          </>
        )}
        {view.step === 'partners' && (
          <>
            <RowTable
              set="partners" legend={fieldLabel('partners')} hint={t('planForm.rows_hint')} state={state} errors={errors}
              columns={[
                { cell: 'name', header: t('planForm.cell.name'), maxLength: 300 },
                { cell: 'kind', header: t('planForm.cell.kind'), kind: 'select', options: partnerOptions() },
              ]}
            />
            <TextAreaField name="participationPlan" label={fieldLabel('participationPlan')} value={v('participationPlan')} error={errors.participationPlan} rows={5} />
            <RadioGroup
              name="hasOverlap" label={fieldLabel('hasOverlap')} value={v('hasOverlap') || 'no'} error={errors.hasOverlap}
              options={[{ value: 'no', label: t('planForm.overlap_no') }, { value: 'yes', label: t('planForm.overlap_yes') }]}
            />
            <TextAreaField name="overlapDescription" label={fieldLabel('overlapDescription')} value={v('overlapDescription')} error={errors.overlapDescription} rows={4} />
          </>
        )}
        <StepButtons moreRows={hasRows} />
      </form>
    </PlanFormFrame>
  );
}
