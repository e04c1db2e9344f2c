// A counted ballot round as a pabulib `.pb` file (pabulib.org/format): the projects with their
// costs and approval counts, and every ballot, named only by a prefix of its receipt hash, so
// anyone can recompute the result (`npx mahalle allocate --pb FILE --method mes-add1`) and every
// voter can find their own line. Pure: the caller reads the round, its ballots and the names.

import { pbDate } from '../allocation/round-pb.ts';
import { WITHDRAWN_COST, writePb, type PbFile, type PbProject, type PbVote } from '../allocation/pabulib.ts';
import { t } from '../platform/i18n/t.ts';
import type { BallotRoundRow } from './ballots.repo.ts';
import type { RoundCount } from './count-round.ts';
import { voterIdOf } from './receipt.ts';

export const ballotPbFileName = (roundId: number) => `mahalle-ballot-${roundId}.pb`;

/** pabulib's rule names for the counting methods. */
export const pbRule = { 'mes-add1': 'equalshares/add1', greedy: 'greedy' } as const;

export type BallotPbSource = {
  round: Pick<BallotRoundRow, 'id' | 'title' | 'method' | 'budget_rials' | 'min_approvals' | 'max_approvals' | 'opens_at' | 'closes_at'>;
  count: RoundCount;
  /** Titles by plan id. */
  titles: ReadonlyMap<string, string>;
  ballots: readonly { choices: string; receipt_hash: string }[];
  /** The province (pabulib `unit`). */
  unit: string;
};

export function ballotPbFile(src: BallotPbSource): PbFile {
  const { round, count } = src;
  const selected = new Set(count.result.selected);
  const votes: PbVote[] = src.ballots.map((b) => {
    const vote = (JSON.parse(b.choices) as number[]).map(String);
    const voterId = voterIdOf(b.receipt_hash);
    return { row: [voterId, vote.join(',')], voterId, vote, points: null };
  });
  const approvals = new Map<string, number>();
  for (const v of votes) for (const id of v.vote) approvals.set(id, (approvals.get(id) ?? 0) + 1);
  const projects: PbProject[] = count.projects.map((p) => {
    // pabulib marks a project that may not win with its conventional cost (pbToInput reads it back).
    const cost = p.ineligible ? WITHDRAWN_COST : p.cost;
    const fields: Record<string, string> = {
      project_id: p.id,
      cost: String(cost),
      votes: String(approvals.get(p.id) ?? 0),
      name: src.titles.get(p.id) ?? p.id,
      selected: selected.has(p.id) ? '1' : '0',
    };
    return { fields, id: p.id, name: fields.name!, cost, votes: approvals.get(p.id) ?? 0, score: null, selected: selected.has(p.id) ? 1 : 0, category: [], target: [] };
  });
  const meta = new Map<string, string>([
    ['description', round.title],
    ['country', 'Iran'],
    ['unit', src.unit],
    ['instance', String(round.id)],
    ['num_projects', String(projects.length)],
    ['num_votes', String(votes.length)],
    ['budget', String(round.budget_rials)],
    ['vote_type', 'approval'],
    ['rule', pbRule[round.method]],
    ['date_begin', pbDate(round.opens_at)],
    ['date_end', pbDate(round.closes_at)],
    ['min_length', String(round.min_approvals)],
    ['max_length', String(round.max_approvals)],
    ['language', 'fa'],
    ['currency', 'IRR'],
  ]);
  // Not a pabulib key: Add1's step per voter, which `mahalle allocate` reads to recompute exactly.
  if (count.add1Increment !== null) meta.set('add1_increment', String(count.add1Increment));
  meta.set('comment', `#1: ${t('ballots.pb.comment', { command: `npx mahalle allocate --pb ${ballotPbFileName(round.id)} --method ${round.method}` })}`);
  return {
    meta,
    metaColumns: ['key', 'value'],
    projectColumns: ['project_id', 'cost', 'votes', 'name', 'selected'],
    projects,
    voteColumns: ['voter_id', 'vote'],
    votes,
    eol: '\n',
    finalEol: true,
  };
}

export const ballotPbText = (src: BallotPbSource) => writePb(ballotPbFile(src));
