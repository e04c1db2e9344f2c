// A committed or published allocation round as a pabulib `.pb` file (pabulib.org/format), so anyone
// can recompute it: `npx mahalle allocate --pb FILE --method greedy`. Pure: the caller reads the
// round, its call and the province name.
//
// Plans have no ballots, so VOTES has its header and no rows, and the plan's value (rubric score ×
// beneficiaries, or whichever rule the round used) is the PROJECTS `score` column. pabulib's
// `vote_type` for per-project scores is `scoring`; greedy ranks by `score` when the column is there
// (pbToInput), so the file recomputes the same selection. pabulib's `score` is an integer: values
// with decimals (rubric scores keep two) are written × 100, which changes neither the ranking nor
// its ties nor the optimum, and META `comment` says so.

import { t } from '../platform/i18n/t.ts';
import type { AllocationInput, AllocationResult, Constraints, Method } from './engines/types.ts';
import { writePb, type PbFile, type PbProject } from './pabulib.ts';
import type { PlanFacts } from './plan-facts.ts';
import type { RoundRow } from './rounds.repo.ts';

export type RoundPbSource = {
  round: Pick<RoundRow, 'id' | 'method' | 'value_rule' | 'budget_rials' | 'constraints' | 'input' | 'result' | 'created_at' | 'committed_at' | 'published_at'>;
  call: { title: string; fiscalYear: number };
  /** The province the plans are in (pabulib `unit`). */
  unit: string;
};

export const PROJECT_COLUMNS = ['project_id', 'cost', 'score', 'name', 'category', 'beneficiaries', 'selected', 'district'];

/** 1 when every value is a whole number, else 100 (values keep at most two decimals; planValue). */
export function scoreScale(values: readonly number[]): 1 | 100 {
  return values.every((v) => Number.isInteger(v)) ? 1 : 100;
}

/** An ISO instant as pabulib's DD.MM.YYYY (Gregorian, UTC). */
export function pbDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** The recomputation command for a downloaded file. */
export const recomputeCommand = (file: string, method: Method) => `npx mahalle allocate --pb ${file} --method ${method}`;

export const pbFileName = (roundId: number) => `mahalle-allocation-${roundId}.pb`;

export function roundPbFile(src: RoundPbSource): PbFile {
  const { round } = src;
  const { input, facts } = JSON.parse(round.input) as { input: AllocationInput; facts: PlanFacts[] };
  const result = JSON.parse(round.result) as AllocationResult;
  const constraints = JSON.parse(round.constraints || '{}') as Constraints;
  const selected = new Set(result.selected);
  const factsById = new Map(facts.map((f) => [String(f.id), f]));
  const scale = scoreScale(input.projects.map((p) => p.value ?? 0));

  const projects: PbProject[] = input.projects.map((p) => {
    const f = factsById.get(p.id);
    const score = Math.round((p.value ?? 0) * scale);
    const fields: Record<string, string> = {
      project_id: p.id,
      cost: String(p.cost),
      score: String(score),
      name: f?.title ?? p.id,
      category: (f?.harms ?? []).join(','),
      beneficiaries: (f?.targets ?? []).join(','),
      selected: selected.has(p.id) ? '1' : '0',
      district: f?.county?.name ?? '',
    };
    return {
      fields, id: p.id, name: fields.name!, cost: p.cost, votes: null, score, selected: selected.has(p.id) ? 1 : 0,
      category: [...(f?.harms ?? [])], target: [...(f?.targets ?? [])],
    };
  });

  const constrained = round.method === 'optimal' && Object.keys(constraints).length > 0;
  const comment = t('allocationPage.pb.comment', {
    round: String(round.id),
    rule: t(`allocation.value.${round.value_rule}`),
    scale: String(scale),
    command: recomputeCommand(pbFileName(round.id), round.method),
  });
  const meta = new Map<string, string>([
    ['description', t('allocationPage.pb.description', { call: src.call.title, round: String(round.id) })],
    ['country', 'Iran'],
    ['unit', src.unit],
    ['instance', String(src.call.fiscalYear)],
    ['num_projects', String(projects.length)],
    ['num_votes', '0'],
    ['budget', String(round.budget_rials)],
    ['vote_type', 'scoring'],
    ['rule', round.method],
    ['date_begin', pbDate(round.created_at)],
    ['date_end', pbDate(round.committed_at ?? round.published_at ?? round.created_at)],
    ['language', 'fa'],
    ['currency', 'IRR'],
    ['comment', `#1: ${comment}${constrained ? ` ${t('allocationPage.pb.comment_constraints', { constraints: JSON.stringify(constraints) })}` : ''}`],
  ]);
  return {
    meta,
    metaColumns: ['key', 'value'],
    projectColumns: [...PROJECT_COLUMNS],
    projects,
    voteColumns: ['voter_id', 'vote'],
    votes: [],
    eol: '\n',
    finalEol: true,
  };
}

export function roundPbText(src: RoundPbSource): string {
  return writePb(roundPbFile(src));
}
