import type { PlanStatus } from './plan-lifecycle.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { amountInWords, formatMoney, formatNumber, parseAmount } from '../platform/persian/money.ts';
import { ageBands, harms, interventionTypes, partnerKinds, targetGroups } from '../taxonomy/codes.ts';
import { screeningChecklist, type ScreeningItem } from './screening.ts';
import type { PlanContent } from './plan-content.ts';
import type { PlanChange } from './plan-diff.ts';
import type { GateErrors, GateField } from './plan-gate.ts';
import {
  cellName, fieldLabel, fieldLabelKeys, jalaliText, numberText, parseDecimal, partnerKindKeys, rowSets, STEP_COUNT, stepGateFields, stepKeys,
  stepNumber, stepOfField, stepTitleKeys, type FormErrors, type FormState, type StepKey,
} from './form-steps.ts';

/**
 * View-models of the plan form, the workspace, the read-only plan and the screening pages:
 * every string already in Persian, with Persian digits and Jalali dates.
 */

export const statusKeys: Record<PlanStatus, MessageKey> = {
  draft: 'planStatus.draft',
  submitted: 'planStatus.submitted',
  screening: 'planStatus.screening',
  returned: 'planStatus.returned',
  in_review: 'planStatus.in_review',
  approved: 'planStatus.approved',
  rejected: 'planStatus.rejected',
  funded: 'planStatus.funded',
  in_progress: 'planStatus.in_progress',
  completed: 'planStatus.completed',
  withdrawn: 'planStatus.withdrawn',
};
export const statusLabel = (s: PlanStatus) => t(statusKeys[s]);

export const checklistKeys: Record<ScreeningItem, MessageKey> = {
  in_remit: 'screening.in_remit',
  target_group_clear: 'screening.target_group_clear',
  places_eligible: 'screening.places_eligible',
  budget_consistent: 'screening.budget_consistent',
  no_duplication: 'screening.no_duplication',
};

export const money = (rials: number) => formatMoney(rials, 'rial');
const text = (s: string) => (s.trim() ? toPersianDigits(s) : t('planForm.readonly.none'));
const date = (iso: string | null) => (iso ? jalaliText(iso) : t('planForm.readonly.none'));

export type Option = { value: string; label: string };
export const harmOptions = (): Option[] => harms.map((h) => ({ value: h, label: t(`harm.${h}`) }));
export const interventionOptions = (): Option[] => interventionTypes.map((x) => ({ value: x, label: t(`intervention.${x}`) }));
export const targetOptions = (): Option[] => targetGroups.map((g) => ({ value: g, label: t(`target.${g}`) }));
export const partnerOptions = (): Option[] => partnerKinds.map((k) => ({ value: k, label: t(partnerKindKeys[k]) }));
export const levelOptions = (): Option[] => [
  { value: 'outcome', label: t('planFormat.level.outcome') },
  { value: 'output', label: t('planFormat.level.output') },
];
export const ageBandLabels = () => ageBands.map((b) => t(`age.${b}`));

// ---- the frame of every step ----

export type StepNavItem = { n: string; label: string; href: string; current: boolean; incomplete: boolean };

export type FormFrameView = {
  planId: number;
  planTitle: string;
  step: StepKey;
  stepLabel: string;
  stepOf: string;
  nav: StepNavItem[];
  returnedMessage: string | null;
  /** The gate's notes on this step's fields. */
  gateNotes: string[];
  overviewHref: string;
  action: string;
};

export function formFrame(o: { planId: number; title: string; step: StepKey; gate: GateErrors; returnedMessage: string | null }): FormFrameView {
  const base = `/my/plans/${o.planId}`;
  return {
    planId: o.planId,
    planTitle: o.title.trim() ? toPersianDigits(o.title) : t('planForm.untitled'),
    step: o.step,
    stepLabel: t(stepTitleKeys[o.step]),
    stepOf: t('planForm.step_of', { step: stepNumber(o.step), count: STEP_COUNT }),
    nav: stepKeys.map((k) => ({
      n: toPersianDigits(stepNumber(k)),
      label: t(stepTitleKeys[k]),
      href: `${base}/edit/${stepNumber(k)}`,
      current: k === o.step,
      incomplete: stepGateFields[k].some((f) => o.gate[f]),
    })),
    returnedMessage: o.returnedMessage ? toPersianDigits(o.returnedMessage) : null,
    gateNotes: stepGateFields[o.step].map((f) => o.gate[f]).filter((m): m is string => !!m),
    overviewHref: base,
    action: `${base}/edit/${stepNumber(o.step)}`,
  };
}

// ---- steps 1–8 ----

export type PlaceChoiceGroup = { label: string; options: { value: string; label: string; checked: boolean }[] };

export type StepFormView = FormFrameView & {
  state: FormState;
  errors: FormErrors;
  /** Labels for the error summary, by input name. */
  errorLabels: Record<string, string>;
  places?: { selected: Option[]; groups: PlaceChoiceGroup[]; query: string; showFilter: boolean; truncated: boolean; filterAction: string };
  budget?: { lineTotals: string[]; sum: string; requestedWords: string | null };
};

const rowCellLabel: Record<string, MessageKey> = {
  group: 'planForm.cell.group', female: 'planForm.cell.female', male: 'planForm.cell.male',
  statement: 'planForm.cell.statement', value: 'planForm.cell.value', year: 'planForm.cell.year', source: 'planForm.cell.source',
  level: 'planForm.cell.level', unit: 'planForm.cell.unit', baseline: 'planForm.cell.baseline', target: 'planForm.cell.target',
  period: 'planForm.cell.period', mov: 'planForm.cell.mov', item: 'planForm.cell.item', unitCost: 'planForm.cell.unit_cost',
  quantity: 'planForm.cell.quantity', amount: 'planForm.cell.amount', activity: 'planForm.cell.activity', start: 'planForm.cell.start',
  end: 'planForm.cell.end', name: 'planForm.cell.name', kind: 'planForm.cell.kind',
};

/** The header of a row cell, by its name in rowSets. */
export function cellLabel(cell: string): string {
  if (cell.startsWith('age_')) return t(`age.${cell.slice(4) as (typeof ageBands)[number]}`);
  const key = rowCellLabel[cell];
  return key ? t(key) : cell;
}

/** Labels for the error summary: plain fields by their plan label, row cells as «field, row n: cell». */
export function errorLabels(errors: FormErrors): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const name of Object.keys(errors)) {
    const m = /^([a-z]{2})\.(\d+)\.(\w+)$/.exec(name);
    if (m) {
      const set = (Object.keys(rowSets) as (keyof typeof rowSets)[]).find((s) => rowSets[s].prefix === m[1]);
      labels[name] = `${set ? fieldLabel(set) : ''}، ${t('planForm.row_cell', { n: Number(m[2]) + 1, cell: cellLabel(m[3]!) })}`;
    } else if (Object.hasOwn(fieldLabelKeys, name)) labels[name] = fieldLabel(name as keyof PlanContent);
  }
  return labels;
}
/** Budget figures shown beside the inputs: each line's total and the sum, from what was typed. */
export function budgetFigures(state: FormState, requestedTotal: number | null) {
  const lineTotals: string[] = [];
  let sum = 0;
  for (let i = 0; i < (state.rows.budgetLines ?? 0); i++) {
    const cost = parseAmount(state.values[cellName('budgetLines', i, 'unitCost')] ?? '');
    const qty = parseDecimal(state.values[cellName('budgetLines', i, 'quantity')] ?? '');
    const total = cost !== null && qty !== null ? Math.round(cost * qty) : null;
    if (total !== null && Number.isSafeInteger(total)) sum += total;
    lineTotals.push(total !== null && Number.isSafeInteger(total) && (cost !== 0 || qty !== 0) ? formatNumber(total) : '');
  }
  const safeSum = Number.isSafeInteger(sum) ? sum : 0;
  return {
    lineTotals,
    sum: t('planForm.lines_sum', { sum: money(safeSum) }),
    requestedWords: requestedTotal ? t('planForm.requested_words', { words: amountInWords(requestedTotal, 'rial') }) : null,
  };
}

// ---- the read-only plan ----

export type ReadonlyPlanView = {
  title: string;
  summary: string;
  harms: string;
  interventions: string;
  bandLabels: string[];
  targets: { group: string; people: string; bands: string[] }[];
  places: string[];
  evidence: { statement: string; value: string; year: string; source: string }[];
  goal: string;
  outcomes: string[];
  outputs: string[];
  activities: string[];
  assumptions: string;
  indicators: { level: string; statement: string; unit: string; baseline: string; target: string; period: string; mov: string }[];
  lines: { item: string; unit: string; unitCost: string; quantity: string; total: string }[];
  linesSum: string;
  cofunding: { source: string; amount: string }[];
  requested: string;
  requestedWords: string;
  startDate: string;
  endDate: string;
  schedule: { activity: string; start: string; end: string }[];
  partners: { name: string; kind: string }[];
  participation: string;
  overlap: string;
  overlapDescription: string;
  attachments: AttachmentView[];
};

export type AttachmentView = { id: number; name: string; href: string; type: string; size: string; date: string };

const typeKeys: Record<string, MessageKey> = { 'application/pdf': 'planForm.type.pdf', 'image/jpeg': 'planForm.type.jpeg', 'image/png': 'planForm.type.png' };

export function attachmentView(a: { id: number; file_name: string; mime: string; size_bytes: number; created_at: string }, hrefBase: string): AttachmentView {
  return {
    id: a.id,
    name: a.file_name,
    href: `${hrefBase}/${a.id}`,
    type: typeKeys[a.mime] ? t(typeKeys[a.mime]!) : a.mime,
    size: t('planForm.size_kb', { size: formatNumber(Math.max(1, Math.ceil(a.size_bytes / 1024))) }),
    date: formatJalaliDateTime(a.created_at),
  };
}

export function readonlyPlan(c: PlanContent, placeNames: ReadonlyMap<number, string>, attachments: AttachmentView[]): ReadonlyPlanView {
  const lines = c.budgetLines.map((l) => ({ item: text(l.item), unit: text(l.unit), unitCost: formatNumber(l.unitCost), quantity: numberText(l.quantity), total: formatNumber(l.total) }));
  const list = (items: string[]) => items.filter((s) => s.trim()).map((s) => toPersianDigits(s));
  return {
    title: text(c.title),
    summary: text(c.summary),
    harms: c.harms.length ? c.harms.map((h) => t(`harm.${h}`)).join('، ') : t('planForm.readonly.none'),
    interventions: c.interventionTypes.length ? c.interventionTypes.map((x) => t(`intervention.${x}`)).join('، ') : t('planForm.readonly.none'),
    bandLabels: ageBandLabels(),
    targets: c.targetGroups.map((g) => ({
      group: t(`target.${g.group}`),
      people: t('planForm.readonly.people', { female: formatNumber(g.female), male: formatNumber(g.male) }),
      bands: ageBands.map((b) => formatNumber(g.ageBands[b])),
    })),
    places: c.placeIds.map((id) => placeNames.get(id) ?? toPersianDigits(id)),
    evidence: c.evidence.map((e) => ({ statement: text(e.statement), value: text(e.value), year: text(e.year), source: text(e.source) })),
    goal: text(c.goal),
    outcomes: list(c.outcomes),
    outputs: list(c.outputs),
    activities: list(c.activities),
    assumptions: text(c.assumptions),
    indicators: c.indicators.map((i) => ({
      level: t(i.level === 'outcome' ? 'planFormat.level.outcome' : 'planFormat.level.output'),
      statement: text(i.statement), unit: text(i.unit),
      baseline: i.baseline === null ? t('planForm.readonly.none') : numberText(i.baseline),
      target: i.target === null ? t('planForm.readonly.none') : numberText(i.target),
      period: text(i.period), mov: text(i.meansOfVerification),
    })),
    lines,
    linesSum: money(c.budgetLines.reduce((a, l) => a + l.total, 0)),
    cofunding: c.cofunding.map((x) => ({ source: text(x.source), amount: money(x.amount) })),
    requested: money(c.requestedTotal),
    requestedWords: amountInWords(c.requestedTotal, 'rial'),
    startDate: date(c.startDate),
    endDate: date(c.endDate),
    schedule: c.schedule.map((s) => ({ activity: text(s.activity), start: date(s.start), end: date(s.end) })),
    partners: c.partners.map((p) => ({ name: text(p.name), kind: t(partnerKindKeys[p.kind]) })),
    participation: text(c.participationPlan),
    overlap: t(c.hasOverlap ? 'planForm.overlap_yes' : 'planForm.overlap_no'),
    overlapDescription: text(c.overlapDescription),
    attachments,
  };
}

// ---- review step ----

export type GateSectionView = { step: string; href: string; messages: { label: string; text: string; href: string }[] };

/** The gate's verdict grouped by the step where each failing field is filled in, with links to fix it. */
export function gateSections(planId: number, gate: GateErrors): GateSectionView[] {
  const sections: GateSectionView[] = [];
  for (const key of stepKeys) {
    const fields = stepGateFields[key].filter((f) => gate[f]);
    if (!fields.length) continue;
    const href = `/my/plans/${planId}/edit/${stepNumber(key)}`;
    sections.push({
      step: t('planForm.review.fix', { step: t(stepTitleKeys[key]) }),
      href,
      messages: fields.map((f: GateField) => ({ label: fieldLabel(f), text: gate[f]!, href: `/my/plans/${planId}/edit/${stepOfField(f)}#${f}` })),
    });
  }
  return sections;
}

// ---- overview, versions, events ----

export type EventView = { when: string; label: string; actor: string | null; message: string | null };

export function eventView(e: { from_status: PlanStatus | null; to_status: PlanStatus; message: string | null; at: string; actor_name: string | null }): EventView {
  return {
    when: formatJalaliDateTime(e.at),
    label: e.from_status ? t('planForm.events.item', { from: statusLabel(e.from_status), to: statusLabel(e.to_status) }) : statusLabel(e.to_status),
    actor: e.actor_name ? t('planForm.events.by', { name: e.actor_name }) : null,
    message: e.message ? toPersianDigits(e.message) : null,
  };
}

export type VersionLink = { label: string; href: string | null; compareLabel: string | null };

/** Submitted versions, newest first, each linked to its difference from the one before. */
export function versionLinks(versions: { version: number; submitted_at: string }[], base: string): VersionLink[] {
  return versions.map((v) => ({
    label: t('planForm.versions.item', { version: v.version, date: formatJalaliDateTime(v.submitted_at) }),
    href: v.version > 1 ? `${base}/versions/${v.version - 1}..${v.version}` : null,
    compareLabel: v.version > 1 ? t('planForm.versions.compare_previous', { version: v.version - 1 }) : null,
  }));
}

export type DiffView = { title: string; backHref: string; changes: { label: string; before: string; after: string }[] };

export function diffView(a: number, b: number | 'draft', changes: PlanChange[], backHref: string): DiffView {
  return {
    title: b === 'draft' ? t('planForm.diff.title_draft', { a }) : t('planForm.diff.title', { a, b }),
    backHref,
    changes: changes.map((c) => ({ label: c.label, before: c.before, after: c.after })),
  };
}

export function checklistOptions(checked: readonly string[]) {
  return screeningChecklist.map((item) => ({ value: item, label: t(checklistKeys[item]), checked: checked.includes(item) }));
}
