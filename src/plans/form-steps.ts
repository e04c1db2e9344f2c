import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliNumeric, gregorianIsoToJalali, jalaliToGregorianIso, parseJalaliDate } from '../platform/persian/jalali.ts';
import { formatNumber, parseAmount } from '../platform/persian/money.ts';
import { ageBands, harms, interventionTypes, isCode, partnerKinds, targetGroups } from '../taxonomy/codes.ts';
import type { PlanContent } from './plan-content.ts';
import type { GateField } from './plan-gate.ts';

/**
 * The plan form's ten steps, and the translation between a step's HTML form (strings, rows of
 * inputs, checkboxes) and the plan's content. Pure: no I/O, so every rule is unit-tested.
 */
export const stepKeys = ['basics', 'targets', 'places', 'evidence', 'logframe', 'budget', 'schedule', 'partners', 'attachments', 'review'] as const;
export type StepKey = (typeof stepKeys)[number];
export const STEP_COUNT = stepKeys.length;

export const stepTitleKeys: Record<StepKey, MessageKey> = {
  basics: 'planForm.step.basics',
  targets: 'planForm.step.targets',
  places: 'planForm.step.places',
  evidence: 'planForm.step.evidence',
  logframe: 'planForm.step.logframe',
  budget: 'planForm.step.budget',
  schedule: 'planForm.step.schedule',
  partners: 'planForm.step.partners',
  attachments: 'planForm.step.attachments',
  review: 'planForm.step.review',
};

/** Which gate checks each step answers for (the step nav marks a step whose checks fail). */
export const stepGateFields: Record<StepKey, readonly GateField[]> = {
  basics: ['title', 'summary', 'harms', 'interventionTypes'],
  targets: ['targetGroups'],
  places: ['placeIds'],
  evidence: ['evidence'],
  logframe: ['goal', 'outcomes', 'outputs', 'activities', 'indicators', 'assumptions'],
  budget: ['budgetLines', 'requestedTotal'],
  schedule: ['startDate', 'endDate', 'schedule'],
  partners: ['participationPlan', 'overlapDescription'],
  attachments: [],
  review: [],
};

/** The step (1-based) where a gate field is filled in. */
export function stepOfField(field: GateField): number {
  return stepKeys.findIndex((k) => stepGateFields[k].includes(field)) + 1;
}

/** Persian labels of every content field, written out so each key is visibly used. */
export const fieldLabelKeys: Record<keyof PlanContent, MessageKey> = {
  title: 'planField.title',
  summary: 'planField.summary',
  harms: 'planField.harms',
  interventionTypes: 'planField.interventionTypes',
  targetGroups: 'planField.targetGroups',
  placeIds: 'planField.placeIds',
  evidence: 'planField.evidence',
  goal: 'planField.goal',
  outcomes: 'planField.outcomes',
  outputs: 'planField.outputs',
  activities: 'planField.activities',
  indicators: 'planField.indicators',
  assumptions: 'planField.assumptions',
  budgetLines: 'planField.budgetLines',
  cofunding: 'planField.cofunding',
  requestedTotal: 'planField.requestedTotal',
  startDate: 'planField.startDate',
  endDate: 'planField.endDate',
  schedule: 'planField.schedule',
  partners: 'planField.partners',
  participationPlan: 'planField.participationPlan',
  hasOverlap: 'planField.hasOverlap',
  overlapDescription: 'planField.overlapDescription',
};

export const fieldLabel = (field: keyof PlanContent) => t(fieldLabelKeys[field]);

export const partnerKindKeys: Record<(typeof partnerKinds)[number], MessageKey> = {
  ngo: 'partnerKind.ngo',
  local_council: 'partnerKind.local_council',
  university: 'partnerKind.university',
  other: 'partnerKind.other',
};

// ---- rows ----

/** The repeating rows of the form: input names are `${prefix}.${index}.${cell}`. */
export const rowSets = {
  targetGroups: { prefix: 'tg', max: 20, cells: ['group', 'female', 'male', ...ageBands.map((b) => `age_${b}`)], choiceCells: [] as string[] },
  evidence: { prefix: 'ev', max: 30, cells: ['statement', 'value', 'year', 'source'], choiceCells: [] as string[] },
  indicators: { prefix: 'in', max: 40, cells: ['level', 'statement', 'unit', 'baseline', 'target', 'period', 'mov'], choiceCells: ['level'] },
  budgetLines: { prefix: 'bl', max: 100, cells: ['item', 'unit', 'unitCost', 'quantity'], choiceCells: [] as string[] },
  cofunding: { prefix: 'cf', max: 20, cells: ['source', 'amount'], choiceCells: [] as string[] },
  schedule: { prefix: 'sc', max: 50, cells: ['activity', 'start', 'end'], choiceCells: [] as string[] },
  partners: { prefix: 'pt', max: 30, cells: ['name', 'kind'], choiceCells: ['kind'] },
} as const;
export type RowSet = keyof typeof rowSets;

export const stepRowSets: Record<StepKey, readonly RowSet[]> = {
  basics: [], targets: ['targetGroups'], places: [], evidence: ['evidence'], logframe: ['indicators'],
  budget: ['budgetLines', 'cofunding'], schedule: ['schedule'], partners: ['partners'], attachments: [], review: [],
};

export const cellName = (set: RowSet, index: number, cell: string) => `${rowSets[set].prefix}.${index}.${cell}`;

/** Empty rows offered after the filled ones; «ردیف بیشتر» asks for more. */
export const BLANK_ROWS = 3;
export const MAX_BLANK_ROWS = 30;

/** What a step's form holds: every value as typed (strings), checked boxes, and how many rows each table shows. */
export type FormState = {
  values: Record<string, string>;
  lists: Record<string, string[]>;
  rows: Partial<Record<RowSet, number>>;
};

export type FormErrors = Record<string, string>;

const stepSingles: Record<StepKey, readonly string[]> = {
  basics: ['title', 'summary'],
  targets: [],
  places: [],
  evidence: [],
  logframe: ['goal', 'outcomes', 'outputs', 'activities', 'assumptions'],
  budget: ['requestedTotal'],
  schedule: ['startDate', 'endDate'],
  partners: ['participationPlan', 'hasOverlap', 'overlapDescription'],
  attachments: [],
  review: [],
};

const stepLists: Record<StepKey, readonly string[]> = {
  basics: ['harms', 'interventionTypes'], targets: [], places: ['placeIds'], evidence: [], logframe: [], budget: [],
  schedule: [], partners: [], attachments: [], review: [],
};

type Body = Record<string, unknown> | undefined;

function str(body: Body, name: string, max = 20_000): string {
  const v = body?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.slice(0, max) : '';
}

function strList(body: Body, name: string): string[] {
  const v = body?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 600);
}

const isBlankRow = (set: RowSet, cells: Record<string, string>) =>
  rowSets[set].cells.every((c) => (rowSets[set].choiceCells as readonly string[]).includes(c) || !cells[c]?.trim());

/**
 * Reads a step's form as typed. Rows are renumbered 0…n-1 in the order they came (a browser
 * sends them in page order), so a re-rendered form shows them where they were.
 */
export function stateFromBody(step: StepKey, raw: unknown): FormState {
  const body = raw as Body;
  const state: FormState = { values: {}, lists: {}, rows: {} };
  for (const name of stepSingles[step]) state.values[name] = str(body, name);
  for (const name of stepLists[step]) state.lists[name] = strList(body, name);
  for (const set of stepRowSets[step]) {
    const { prefix, max, cells } = rowSets[set];
    const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`);
    const indices = [...new Set(Object.keys(body ?? {}).map((k) => pattern.exec(k)?.[1]).filter((x): x is string => !!x).map(Number))]
      .sort((a, b) => a - b)
      .slice(0, max + MAX_BLANK_ROWS);
    indices.forEach((from, to) => {
      for (const cell of cells) state.values[cellName(set, to, cell)] = str(body, `${prefix}.${from}.${cell}`, 5000);
    });
    state.rows[set] = indices.length;
  }
  return state;
}

// ---- content → form ----

/** A number as it appears in an input: Persian digits, grouped when whole (parseAmount reads it back). */
export function numberText(n: number | null): string {
  if (n === null) return '';
  if (Number.isInteger(n)) return formatNumber(n);
  return toPersianDigits(String(n)).replace('.', '٫');
}

export const jalaliText = (iso: string | null) => (iso ? formatJalaliNumeric(gregorianIsoToJalali(iso)) : '');
const shown = (s: string) => toPersianDigits(s);

/** The form of a step filled from the stored plan, with `blank` empty rows after the filled ones. */
export function stateFromContent(step: StepKey, c: PlanContent, blank = BLANK_ROWS): FormState {
  const v: Record<string, string> = {};
  const state: FormState = { values: v, lists: {}, rows: {} };
  const rows = <T>(set: RowSet, items: T[], fill: (item: T, cell: (name: string, value: string) => void) => void) => {
    items.forEach((item, i) => fill(item, (name, value) => (v[cellName(set, i, name)] = value)));
    state.rows[set] = Math.min(rowSets[set].max, items.length + blank);
    if (state.rows[set]! < items.length) state.rows[set] = items.length;
  };
  switch (step) {
    case 'basics':
      v.title = shown(c.title);
      v.summary = shown(c.summary);
      state.lists.harms = [...c.harms];
      state.lists.interventionTypes = [...c.interventionTypes];
      break;
    case 'targets':
      rows('targetGroups', c.targetGroups, (g, cell) => {
        cell('group', g.group);
        cell('female', numberText(g.female));
        cell('male', numberText(g.male));
        for (const b of ageBands) cell(`age_${b}`, numberText(g.ageBands[b]));
      });
      break;
    case 'places':
      state.lists.placeIds = c.placeIds.map(String);
      break;
    case 'evidence':
      rows('evidence', c.evidence, (e, cell) => {
        cell('statement', shown(e.statement));
        cell('value', shown(e.value));
        cell('year', shown(e.year));
        cell('source', shown(e.source));
      });
      break;
    case 'logframe':
      v.goal = shown(c.goal);
      v.outcomes = shown(c.outcomes.join('\n'));
      v.outputs = shown(c.outputs.join('\n'));
      v.activities = shown(c.activities.join('\n'));
      v.assumptions = shown(c.assumptions);
      rows('indicators', c.indicators, (i, cell) => {
        cell('level', i.level);
        cell('statement', shown(i.statement));
        cell('unit', shown(i.unit));
        cell('baseline', numberText(i.baseline));
        cell('target', numberText(i.target));
        cell('period', shown(i.period));
        cell('mov', shown(i.meansOfVerification));
      });
      break;
    case 'budget':
      v.requestedTotal = c.requestedTotal ? numberText(c.requestedTotal) : '';
      rows('budgetLines', c.budgetLines, (l, cell) => {
        cell('item', shown(l.item));
        cell('unit', shown(l.unit));
        cell('unitCost', numberText(l.unitCost));
        cell('quantity', numberText(l.quantity));
      });
      rows('cofunding', c.cofunding, (x, cell) => {
        cell('source', shown(x.source));
        cell('amount', numberText(x.amount));
      });
      break;
    case 'schedule':
      v.startDate = jalaliText(c.startDate);
      v.endDate = jalaliText(c.endDate);
      rows('schedule', c.schedule, (s, cell) => {
        cell('activity', shown(s.activity));
        cell('start', jalaliText(s.start));
        cell('end', jalaliText(s.end));
      });
      break;
    case 'partners':
      v.participationPlan = shown(c.participationPlan);
      v.hasOverlap = c.hasOverlap ? 'yes' : 'no';
      v.overlapDescription = shown(c.overlapDescription);
      rows('partners', c.partners, (p, cell) => {
        cell('name', shown(p.name));
        cell('kind', p.kind);
      });
      break;
    case 'attachments':
    case 'review':
      break;
  }
  return state;
}

// ---- form → content ----

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** A typed decimal number (any digit kind; ٫ or . for the decimal point; grouping allowed in whole numbers). */
export function parseDecimal(input: string): number | null {
  const whole = parseAmount(input);
  if (whole !== null) return whole;
  const text = toAsciiDigits(input.replace(BIDI, '').normalize('NFKC')).trim().replace('/', '.');
  if (!/^-?\d{1,15}\.\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const MAX_RIALS = 9_000_000_000_000_000;

class Collector {
  readonly errors: FormErrors = {};
  constructor(private readonly values: Record<string, string>) {}

  text(name: string, max: number): string {
    const s = (this.values[name] ?? '').trim();
    if (s.length > max) this.errors[name] = t('planForm.too_long', { max });
    return s;
  }

  /** A whole count of people (blank = 0). */
  count(name: string): number {
    const raw = (this.values[name] ?? '').trim();
    if (!raw) return 0;
    const n = parseAmount(raw);
    if (n === null || n < 0 || n > 10_000_000) {
      this.errors[name] = t('planForm.count_invalid');
      return 0;
    }
    return n;
  }

  /** Whole rials (blank = null). */
  rials(name: string): number | null {
    const raw = (this.values[name] ?? '').trim();
    if (!raw) return null;
    const n = parseAmount(raw);
    if (n === null || n < 0 || n > MAX_RIALS) {
      this.errors[name] = t('planForm.amount_invalid');
      return null;
    }
    return n;
  }

  /** A number, possibly with decimals (blank = null). */
  decimal(name: string, min = -1e15, max = 1e15): number | null {
    const raw = (this.values[name] ?? '').trim();
    if (!raw) return null;
    const n = parseDecimal(raw);
    if (n === null || n < min || n > max) {
      this.errors[name] = t('planForm.number_invalid');
      return null;
    }
    return n;
  }

  /** A Jalali date typed as ۱۴۰۵/۰۱/۱۵ (or a variant), as a Gregorian ISO date (blank = null). */
  date(name: string): string | null {
    const raw = this.values[name] ?? '';
    const parsed = parseJalaliDate(raw);
    if (parsed.ok) return jalaliToGregorianIso(parsed.value);
    if (parsed.error !== 'empty') this.errors[name] = t(parsed.error === 'format' ? 'planForm.date_format' : 'planForm.date_invalid');
    return null;
  }

  /** Lines of a textarea, one item each, blanks dropped. */
  lines(name: string, maxLines: number, maxLength: number): string[] {
    const lines = (this.values[name] ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length > maxLines) this.errors[name] = t('planForm.too_many_lines', { max: maxLines });
    else if (lines.some((l) => l.length > maxLength)) this.errors[name] = t('planForm.line_too_long', { max: maxLength });
    return lines.slice(0, maxLines);
  }

  fail(name: string, key: MessageKey) {
    this.errors[name] ??= t(key);
  }
}

/** The rows of a set that hold anything, each as a reader of its cells by name. */
function filledRows(state: FormState, set: RowSet) {
  const out: { index: number; cells: Record<string, string>; name: (cell: string) => string }[] = [];
  for (let i = 0; i < (state.rows[set] ?? 0); i++) {
    const cells = Object.fromEntries(rowSets[set].cells.map((c) => [c, state.values[cellName(set, i, c)] ?? '']));
    if (!isBlankRow(set, cells)) out.push({ index: i, cells, name: (c) => cellName(set, i, c) });
  }
  return out;
}

function tooManyRows(set: RowSet, count: number, errors: FormErrors) {
  if (count > rowSets[set].max) errors[set] = t('planForm.too_many_rows', { max: rowSets[set].max });
}

/**
 * Turns a step's form into the part of the plan it edits. Blank rows are dropped; every value
 * that cannot be read gets a Persian message under its own input name.
 */
export function patchFromState(step: StepKey, state: FormState): { patch: Partial<PlanContent>; errors: FormErrors } {
  const f = new Collector(state.values);
  const patch: Partial<PlanContent> = {};
  switch (step) {
    case 'basics': {
      patch.title = f.text('title', 200);
      patch.summary = f.text('summary', 3000);
      const h = state.lists.harms ?? [];
      const it = state.lists.interventionTypes ?? [];
      if (!h.every((x) => isCode(harms, x))) f.fail('harms', 'planForm.choice_invalid');
      if (!it.every((x) => isCode(interventionTypes, x))) f.fail('interventionTypes', 'planForm.choice_invalid');
      patch.harms = [...new Set(h.filter((x) => isCode(harms, x)))];
      patch.interventionTypes = [...new Set(it.filter((x) => isCode(interventionTypes, x)))];
      break;
    }
    case 'targets': {
      const seen = new Set<string>();
      const groups: PlanContent['targetGroups'] = [];
      for (const r of filledRows(state, 'targetGroups')) {
        const group = r.cells.group!;
        if (!isCode(targetGroups, group)) f.fail(r.name('group'), 'planForm.group_required');
        else if (seen.has(group)) f.fail(r.name('group'), 'planForm.group_duplicate');
        const bandsOf = Object.fromEntries(ageBands.map((b) => [b, f.count(r.name(`age_${b}`))])) as Record<(typeof ageBands)[number], number>;
        const row = { female: f.count(r.name('female')), male: f.count(r.name('male')), ageBands: bandsOf };
        if (isCode(targetGroups, group) && !seen.has(group)) groups.push({ group, ...row });
        seen.add(group);
      }
      tooManyRows('targetGroups', groups.length, f.errors);
      patch.targetGroups = groups;
      break;
    }
    case 'places': {
      const ids = (state.lists.placeIds ?? []).map((x) => toAsciiDigits(x).trim());
      if (!ids.every((x) => /^\d{1,9}$/.test(x) && Number(x) > 0)) f.fail('placeIds', 'planForm.choice_invalid');
      patch.placeIds = [...new Set(ids.filter((x) => /^\d{1,9}$/.test(x) && Number(x) > 0).map(Number))];
      if (patch.placeIds.length > 500) f.fail('placeIds', 'planForm.too_many_places');
      break;
    }
    case 'evidence': {
      const rows = filledRows(state, 'evidence').map((r) => ({
        statement: f.text(r.name('statement'), 500),
        value: f.text(r.name('value'), 100),
        year: f.text(r.name('year'), 20),
        source: f.text(r.name('source'), 300),
      }));
      tooManyRows('evidence', rows.length, f.errors);
      patch.evidence = rows;
      break;
    }
    case 'logframe': {
      patch.goal = f.text('goal', 1000);
      patch.outcomes = f.lines('outcomes', 20, 500);
      patch.outputs = f.lines('outputs', 30, 500);
      patch.activities = f.lines('activities', 50, 500);
      patch.assumptions = f.text('assumptions', 2000);
      const rows: PlanContent['indicators'] = [];
      for (const r of filledRows(state, 'indicators')) {
        const level = r.cells.level;
        if (level !== 'outcome' && level !== 'output') f.fail(r.name('level'), 'planForm.level_required');
        const row = {
          statement: f.text(r.name('statement'), 500),
          unit: f.text(r.name('unit'), 100),
          baseline: f.decimal(r.name('baseline')),
          target: f.decimal(r.name('target')),
          period: f.text(r.name('period'), 100),
          meansOfVerification: f.text(r.name('mov'), 300),
        };
        if (!row.statement) f.fail(r.name('statement'), 'planForm.statement_required');
        if (level === 'outcome' || level === 'output') rows.push({ level, ...row });
      }
      tooManyRows('indicators', rows.length, f.errors);
      patch.indicators = rows;
      break;
    }
    case 'budget': {
      const lines: PlanContent['budgetLines'] = [];
      for (const r of filledRows(state, 'budgetLines')) {
        const item = f.text(r.name('item'), 300);
        if (!item) f.fail(r.name('item'), 'planForm.item_required');
        const unitCost = f.rials(r.name('unitCost')) ?? 0;
        const quantity = f.decimal(r.name('quantity'), 0, 1_000_000_000) ?? 0;
        const total = Math.round(unitCost * quantity);
        if (!Number.isSafeInteger(total) || total > MAX_RIALS) f.fail(r.name('quantity'), 'planForm.total_too_large');
        lines.push({ item, unit: f.text(r.name('unit'), 100), unitCost, quantity, total: Number.isSafeInteger(total) ? total : 0 });
      }
      tooManyRows('budgetLines', lines.length, f.errors);
      const cofunding: PlanContent['cofunding'] = [];
      for (const r of filledRows(state, 'cofunding')) {
        const source = f.text(r.name('source'), 300);
        if (!source) f.fail(r.name('source'), 'planForm.source_required');
        cofunding.push({ source, amount: f.rials(r.name('amount')) ?? 0 });
      }
      tooManyRows('cofunding', cofunding.length, f.errors);
      const sum = lines.reduce((a, l) => a + l.total, 0);
      // Left blank, the request is the sum of the lines; typed, it is checked against them at submission.
      patch.requestedTotal = f.rials('requestedTotal') ?? (Number.isSafeInteger(sum) && sum <= MAX_RIALS ? sum : 0);
      patch.budgetLines = lines;
      patch.cofunding = cofunding;
      break;
    }
    case 'schedule': {
      patch.startDate = f.date('startDate');
      patch.endDate = f.date('endDate');
      const rows: PlanContent['schedule'] = [];
      for (const r of filledRows(state, 'schedule')) {
        const activity = f.text(r.name('activity'), 300);
        if (!activity) f.fail(r.name('activity'), 'planForm.activity_required');
        const start = f.date(r.name('start'));
        const end = f.date(r.name('end'));
        if (start && end && end < start) f.fail(r.name('end'), 'planForm.end_before_start');
        rows.push({ activity, start, end });
      }
      tooManyRows('schedule', rows.length, f.errors);
      patch.schedule = rows;
      break;
    }
    case 'partners': {
      patch.participationPlan = f.text('participationPlan', 3000);
      const overlap = state.values.hasOverlap ?? '';
      if (overlap !== '' && overlap !== 'yes' && overlap !== 'no') f.fail('hasOverlap', 'planForm.choice_invalid');
      patch.hasOverlap = overlap === 'yes';
      patch.overlapDescription = f.text('overlapDescription', 2000);
      const rows: PlanContent['partners'] = [];
      for (const r of filledRows(state, 'partners')) {
        const kind = r.cells.kind || 'other';
        if (!isCode(partnerKinds, kind)) f.fail(r.name('kind'), 'planForm.choice_invalid');
        rows.push({ name: f.text(r.name('name'), 300), kind: isCode(partnerKinds, kind) ? kind : 'other' });
      }
      tooManyRows('partners', rows.length, f.errors);
      patch.partners = rows;
      break;
    }
    case 'attachments':
    case 'review':
      break;
  }
  return { patch, errors: f.errors };
}

/** Number of empty rows to show after «ردیف بیشتر», from ?blank=N (any digits); the default without it. */
export function blankRowsFromQuery(raw: string): number {
  const n = Number.parseInt(toAsciiDigits(raw), 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_BLANK_ROWS) : BLANK_ROWS;
}

/** The step number from the URL (any digit kind), or null. */
export function stepFromParam(raw: string): StepKey | null {
  const text = toAsciiDigits(raw);
  if (!/^\d{1,2}$/.test(text)) return null;
  return stepKeys[Number(text) - 1] ?? null;
}

export const stepNumber = (step: StepKey) => stepKeys.indexOf(step) + 1;

/** The most empty rows any table of the step was showing, so «ردیف بیشتر» can add to them. */
export function blankRowCount(step: StepKey, state: FormState): number {
  let most = 0;
  for (const set of stepRowSets[step]) most = Math.max(most, (state.rows[set] ?? 0) - filledRows(state, set).length);
  return most;
}
