import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import type { Actor } from '../accounts/permissions.ts';
import { createCommentsWorld, STAFF_PASSWORD, type CommentsWorld } from '../comments/comments-test-setup.ts';
import { AppError } from '../platform/http/errors.ts';
import { findPlan } from '../plans/plans.repo.ts';
import type { AllocationResult } from './engines/types.ts';
import { approvedPlanFacts, commitRound, createRound, publishRound } from './rounds.ts';
import { findRound } from './rounds.repo.ts';

let w: CommentsWorld;
let secretary: Actor;
const plans: number[] = [];
const group = (female: number, male: number, g: 'MOTHERS' | 'ADOLESCENTS') => ({ group: g, female, male, ageBands: { '0_11': 0, '12_17': 0, '18_29': 0, '30_59': 0, '60_PLUS': 0 } });

before(async () => {
  w = await createCommentsWorld();
  secretary = { id: await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیر', email: 'sec@example.org', password: STAFF_PASSWORD, roles: ['secretary'] }), roles: ['secretary'] };
  // Reach 100, 60, 50 for costs 6, 5, 5 billion rials: greedy by reach funds A then cannot fit B or C in 10.
  plans.push(
    await w.plan('طرح الف', undefined, 'approved', { rials: 6_000_000_000, content: { targetGroups: [group(50, 50, 'ADOLESCENTS')] }, tags: [{ kind: 'target', code: 'ADOLESCENTS' }] }),
    await w.plan('طرح ب', undefined, 'approved', { rials: 5_000_000_000, content: { targetGroups: [group(40, 20, 'MOTHERS')] }, tags: [{ kind: 'target', code: 'MOTHERS' }] }),
    await w.plan('طرح ج', undefined, 'approved', { rials: 5_000_000_000, content: { targetGroups: [group(25, 25, 'ADOLESCENTS')] }, tags: [{ kind: 'target', code: 'ADOLESCENTS' }] }),
  );
});
after(() => w.close());

const spec = (method: string, constraints = {}) => ({ method, valueRule: 'beneficiaries', budgetRials: 10_000_000_000, constraints, note: '' });

describe('allocation rounds over approved plans', () => {
  test('facts: reach from the target groups, no reviews → no score', async () => {
    const facts = await approvedPlanFacts(w.h.ctx, w.callId);
    assert.deepEqual(facts.map((f) => [f.title, f.beneficiaries, f.score, f.targets]), [
      ['طرح الف', 100, null, ['ADOLESCENTS']], ['طرح ب', 60, null, ['MOTHERS']], ['طرح ج', 50, null, ['ADOLESCENTS']],
    ]);
  });

  test('greedy and optimal differ, and every plan is explained', async () => {
    const greedy = await createRound(w.h.ctx, secretary, w.callId, spec('greedy'));
    assert.deepEqual(greedy.result.selected, [String(plans[0])]);
    assert.equal(greedy.result.outcomes.find((o) => o.id === String(plans[1]))?.reason, 'over_budget');
    const optimal = await createRound(w.h.ctx, secretary, w.callId, spec('optimal'));
    assert.deepEqual([...optimal.result.selected].sort(), [String(plans[1]), String(plans[2])].sort(), 'B + C reach 110 > 100');
    assert.equal(optimal.result.spent, 10_000_000_000);
    assert.equal(optimal.result.outcomes.find((o) => o.id === String(plans[0]))?.reason, 'not_optimal');
  });

  test('bad input is refused with Persian errors; only the secretariat may run rounds', async () => {
    await assert.rejects(createRound(w.h.ctx, secretary, w.callId, { ...spec('mes'), budgetRials: 0 }), (err: AppError) => Boolean(err.fieldErrors?.method && err.fieldErrors?.budget));
    await assert.rejects(createRound(w.h.ctx, secretary, w.callId, spec('greedy', { mustFund: ['999999'] })), (err: AppError) => /۹۹۹۹۹۹/.test(err.fieldErrors?.constraints ?? ''));
    await assert.rejects(createRound(w.h.ctx, secretary, w.callId, spec('greedy', { mothersChildrenMinShare: 0.3 })), (err: AppError) => /بیشترین ارزش کل/.test(err.fieldErrors?.constraints ?? ''), 'greedy cannot honour constraints');
    await assert.rejects(createRound(w.h.ctx, { id: w.officerId, roles: ['agency_officer'] }, w.callId, spec('greedy')), (err: AppError) => err.code === 'forbidden');
  });

  test('infeasible constraints are named and cannot be committed', async () => {
    const r = await createRound(w.h.ctx, secretary, w.callId, spec('optimal', { mustFund: [String(plans[0]), String(plans[1])] }));
    assert.ok(r.result.infeasible?.length, JSON.stringify(r.result));
    await assert.rejects(commitRound(w.h.ctx, secretary, r.id), (err: AppError) => err.code === 'conflict');
  });

  test('commit funds the selected plans once; publish makes it public', async () => {
    const r = await createRound(w.h.ctx, secretary, w.callId, spec('optimal', { mothersChildrenMinShare: 0.4 }));
    const { funded } = await commitRound(w.h.ctx, secretary, r.id);
    assert.equal(funded, 2);
    for (const id of [plans[1]!, plans[2]!]) {
      const p = await findPlan(w.db, id);
      assert.equal(p?.status, 'funded');
    }
    const row = await w.db.selectFrom('plans').select(['funded_rials']).where('id', '=', plans[1]!).executeTakeFirstOrThrow();
    assert.equal(Number(row.funded_rials), 5_000_000_000);
    await assert.rejects(createRound(w.h.ctx, secretary, w.callId, spec('greedy')), (err: AppError) => err.code === 'conflict', 'one committed allocation per call');
    await publishRound(w.h.ctx, secretary, r.id);
    assert.equal((await findRound(w.db, r.id))?.status, 'published');
    await assert.rejects(publishRound(w.h.ctx, secretary, r.id), (err: AppError) => err.code === 'conflict');
    const result = JSON.parse((await findRound(w.db, r.id))!.result) as AllocationResult;
    assert.equal(result.spent, 10_000_000_000);
  });
});
