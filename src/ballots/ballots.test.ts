import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateCommand } from '../allocation/cli.ts';
import { parsePb, pbToInput } from '../allocation/pabulib.ts';
import { allocateSync } from '../allocation/engines/index.ts';
import { verifyAuditChain } from '../platform/audit/audit.repo.ts';
import { AppError } from '../platform/http/errors.ts';
import { importCensus } from '../residency/census.ts';
import { withCheckDigit } from '../residency/national-id.ts';
import { verifyByHand, verifyBySelf } from '../residency/verify-residency.ts';
import { ballotPbText } from './ballot-pb.ts';
import { ballotByReceipt, ballotsOfRound, findBallot, findRound, roundProjects } from './ballots.repo.ts';
import { createBallotWorld, type BallotWorld } from './ballots-test-setup.ts';
import { castBallot } from './cast-ballot.ts';
import { countBallotRound, type RoundCount } from './count-round.ts';
import { publishBallotRound } from './publish-round.ts';
import { receiptCode, receiptHash } from './receipt.ts';
import { closeRoundNow, openRoundNow, runRoundClock } from './round-clock.ts';
import { createBallotRound, updateBallotRound } from './save-round.ts';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
}

/** Each test gets its own province: a plan on one round's ballot is not offered to another. */
function worldTest(name: string, fn: (w: BallotWorld) => Promise<void>) {
  test(name, async () => {
    const w = await createBallotWorld();
    try {
      await fn(w);
    } finally {
      await w.close();
    }
  });
}

describe('ballot rounds', () => {
  worldTest('bad settings are refused field by field and store nothing', async (w) => {
    const e = await refusal(createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ title: '', minApprovals: 5, placeIds: [w.places.province] })));
    assert.equal(e.code, 'validation');
    assert.deepEqual(Object.keys(e.fieldErrors ?? {}).sort(), ['maxApprovals', 'minApprovals', 'places', 'title']);
    assert.equal((await w.db.selectFrom('ballot_rounds').select('id').execute()).length, 0);
    const citizen = await w.voter(w.places.north);
    assert.equal((await refusal(createBallotRound(w.ctx, citizen, w.callId, w.settings()))).code, 'forbidden');
  });

  worldTest('eligibility, limits, changing a ballot, the receipt, one row per person', async (w) => {
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ minApprovals: 1, maxApprovals: 2 }));
    const resident = await w.voter(w.places.north);
    const elsewhere = await w.voter(w.places.village);
    const homeless = await w.voter(null);

    assert.equal((await refusal(castBallot(w.ctx, elsewhere, roundId, [w.plans.park]))).message, 'محلهٔ سکونت شما در محدودهٔ این دور رأی‌گیری نیست.');
    assert.match((await refusal(castBallot(w.ctx, homeless, roundId, [w.plans.park]))).message, /محلهٔ محل سکونت/);
    const tooMany = await refusal(castBallot(w.ctx, resident, roundId, [w.plans.park, w.plans.library, w.plans.clinic]));
    assert.equal(tooMany.fieldErrors?.plans, 'بیشتر از ۲ طرح نمی‌توانید برگزینید.');
    assert.equal((await refusal(castBallot(w.ctx, resident, roundId, []))).fieldErrors?.plans, 'دست‌کم ۱ طرح را برگزینید.');
    assert.ok((await refusal(castBallot(w.ctx, resident, roundId, [999_999]))).fieldErrors?.plans);
    assert.equal(await findBallot(w.db, roundId, resident.id), undefined, 'refused ballots store nothing');

    const first = await castBallot(w.ctx, resident, roundId, [w.plans.library, w.plans.park, w.plans.park]);
    assert.equal(first.revision, 1);
    assert.deepEqual(first.choices, [w.plans.park, w.plans.library].sort((a, b) => a - b));
    const changed = await castBallot(w.ctx, resident, roundId, [w.plans.clinic]);
    assert.equal(changed.revision, 2);
    assert.equal(changed.receipt, first.receipt, 'the receipt code stays the same');
    const rows = await w.db.selectFrom('ballots').selectAll().where('round_id', '=', roundId).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0]!.choices), [w.plans.clinic]);
    const byReceipt = await ballotByReceipt(w.db, receiptHash(roundId, first.receipt));
    assert.equal(byReceipt?.revision, 2);

    // The unique index, not the code, keeps one ballot per person per round.
    await assert.rejects(
      w.db.insertInto('ballots').values({ round_id: roundId, user_id: resident.id, place_id: w.places.north, choices: '[]', receipt_hash: 'x', cast_at: 'now', updated_at: 'now' }).execute(),
    );
    // Concurrent casts of one person: one row, every revision counted once.
    const results = await Promise.all([1, 2, 3, 4].map(() => castBallot(w.ctx, resident, roundId, [w.plans.sports])));
    assert.deepEqual(results.map((r) => r.revision).sort(), [3, 4, 5, 6]);
    assert.equal((await w.db.selectFrom('ballots').select('id').where('round_id', '=', roundId).execute()).length, 1);
    const audits = await w.db.selectFrom('audit_log').select(['action', 'data']).where('subject_type', '=', 'ballot_round').where('subject_id', '=', String(roundId)).where('action', 'like', 'ballot.c%').execute();
    assert.equal(audits.length, 6);
    assert.ok(audits.every((a) => Object.keys(JSON.parse(a.data) as object).join() === 'revision'), 'the audit log never records what a ballot approves');

    await closeRoundNow(w.ctx, w.secretary, roundId);
    assert.equal((await refusal(castBallot(w.ctx, resident, roundId, [w.plans.park]))).message, 'رأی‌گیری این دور پایان یافته است و برگهٔ رأی پذیرفته نمی‌شود.');
  });

  worldTest('ballots cast together are committed together, and one that fails does not fail the others', async (w) => {
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings());
    const voters = await Promise.all([1, 2, 3, 4, 5].map(() => w.voter(w.places.south)));
    // The third voter's receipt hash is already taken (a row planted for another person): its write
    // breaks a unique index inside the transaction the five ballots share.
    const taken = receiptHash(roundId, receiptCode(w.ctx.secret, roundId, voters[2]!.id));
    await w.db.insertInto('ballots').values({ round_id: roundId, user_id: w.secretary.id, place_id: w.places.south, choices: '[]', receipt_hash: taken, cast_at: 'x', updated_at: 'x' }).execute();
    const results = await Promise.allSettled(voters.map((v) => castBallot(w.ctx, v, roundId, [w.plans.park])));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const stored = await w.db.selectFrom('ballots').select('user_id').where('round_id', '=', roundId).where('user_id', '<>', w.secretary.id).execute();
    assert.deepEqual(stored.map((r) => r.user_id).sort((a, b) => a - b), [0, 1, 3, 4].map((i) => voters[i]!.id).sort((a, b) => a - b));
    const audits = await w.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'ballot.cast').execute();
    assert.equal(audits.length, 4, 'one audit entry per stored ballot, none for the failed one');
    assert.ok((await verifyAuditChain(w.db)).ok);
  });

  worldTest('a round that requires verified residents: census list, self-verification, by hand', async (w) => {
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ requireVerified: true, planIds: [w.plans.sports], placeIds: [w.places.north, w.places.south] }));
    const a = await w.voter(w.places.north);
    const b = await w.voter(w.places.south);
    assert.match((await refusal(castBallot(w.ctx, a, roundId, [w.plans.sports]))).message, /تأییدشده/);

    const idA = withCheckDigit('002345678');
    const idOther = withCheckDigit('003456789');
    const bad = await importCensus(w.ctx, w.secretary, 'census.csv', `national_id,place_code\n${idA},9260100001\n12345,9260100001\n${idOther},999\n${idA},9260100002\n`);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.problems.map((p) => p.line), [3, 4, 5]);
    assert.equal((await w.db.selectFrom('census_records').select('id').execute()).length, 0, 'all or nothing');
    const good = await importCensus(w.ctx, w.secretary, 'census.csv', `کد ملی,کد محله\n${idA.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)},9260100001\n${idOther},9260100002\n`);
    assert.deepEqual({ ok: good.ok, added: good.added }, { ok: true, added: 2 });
    const stored = await w.db.selectFrom('census_records').select('national_id_hash').execute();
    assert.ok(stored.every((r) => !r.national_id_hash.includes(idA)), 'IDs are stored hashed');

    // b gives an ID listed for another neighborhood: refused without saying where.
    assert.match((await refusal(verifyBySelf(w.ctx, b, { nationalId: idA }))).fieldErrors?.nationalId ?? '', /پیدا نشد/);
    assert.ok((await refusal(verifyBySelf(w.ctx, a, { nationalId: '0013579117' }))).fieldErrors?.nationalId);
    await verifyBySelf(w.ctx, a, { nationalId: idA });
    assert.match((await refusal(verifyBySelf(w.ctx, b, { nationalId: idA }))).fieldErrors?.nationalId ?? '', /حساب دیگری/);
    await castBallot(w.ctx, a, roundId, [w.plans.sports]);

    const bMobile = (await w.db.selectFrom('users').select('mobile').where('id', '=', b.id).executeTakeFirstOrThrow()).mobile!;
    assert.ok((await refusal(verifyByHand(w.ctx, w.secretary, { mobile: bMobile, note: '' }))).fieldErrors?.note);
    await verifyByHand(w.ctx, w.secretary, { mobile: bMobile, note: 'اجاره‌نامه دیده شد' });
    await castBallot(w.ctx, b, roundId, [w.plans.sports]);
    // Moving home ends the verification.
    await w.db.updateTable('users').set({ home_place_id: w.places.south }).where('id', '=', a.id).execute();
    assert.match((await refusal(castBallot(w.ctx, a, roundId, [w.plans.sports]))).message, /تأییدشده/);
  });

  worldTest('rounds open and close on their dates through the clock job; settings freeze once open', async (w) => {
    const opensAt = new Date(w.h.clock.now().getTime() + 3600_000).toISOString();
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ opensAt, planIds: [w.plans.sports, w.plans.park] }));
    const voter = await w.voter(w.places.south);
    assert.match((await refusal(castBallot(w.ctx, voter, roundId, [w.plans.sports]))).message, /آغاز نشده/);
    await updateBallotRound(w.ctx, w.secretary, roundId, w.settings({ opensAt, title: 'دور ویرایش‌شده', planIds: [w.plans.sports, w.plans.park] }));
    assert.equal((await findRound(w.db, roundId))?.title, 'دور ویرایش‌شده');
    w.h.clock.advance(3601);
    assert.equal(await runRoundClock(w.ctx), 1);
    assert.equal((await findRound(w.db, roundId))?.status, 'open');
    assert.equal((await refusal(updateBallotRound(w.ctx, w.secretary, roundId, w.settings({ opensAt })))).code, 'conflict');
    await castBallot(w.ctx, voter, roundId, [w.plans.sports]);
    assert.equal((await refusal(openRoundNow(w.ctx, w.secretary, roundId))).code, 'conflict');
    w.h.clock.advance(8 * 86_400);
    await runRoundClock(w.ctx);
    assert.equal((await findRound(w.db, roundId))?.status, 'closed');
    assert.equal(await runRoundClock(w.ctx), 0, 'nothing moves twice');
  });
});

describe('counting and publishing', () => {
  for (const method of ['mes-add1', 'greedy'] as const) {
    test(`${method}: count, publish (winners funded, voters told) and recompute from the .pb export`, async () => {
      const fresh = await createBallotWorld();
      try {
        const { plans } = fresh;
        const roundId = await createBallotRound(fresh.ctx, fresh.secretary, fresh.callId, fresh.settings({ method, budgetRials: 6_000_000_000, maxApprovals: 4 }));
        // 30 voters in two neighborhoods; the park has the most approvals, the others more focused groups.
        const pattern: number[][] = [
          ...Array.from({ length: 12 }, () => [plans.park]),
          ...Array.from({ length: 8 }, () => [plans.library, plans.sports]),
          ...Array.from({ length: 6 }, () => [plans.clinic, plans.sports]),
          ...Array.from({ length: 4 }, () => [plans.park, plans.clinic]),
        ];
        const voters = [];
        for (const [i, choice] of pattern.entries()) {
          const v = await fresh.voter(i % 3 === 0 ? fresh.places.south : fresh.places.north);
          voters.push(v);
          await castBallot(fresh.ctx, v, roundId, choice);
        }
        assert.equal((await refusal(countBallotRound(fresh.ctx, fresh.secretary, roundId))).code, 'conflict', 'no count while open');
        await closeRoundNow(fresh.ctx, fresh.secretary, roundId);
        const count = await countBallotRound(fresh.ctx, fresh.secretary, roundId);
        assert.equal(count.voters, 30);
        assert.ok(count.result.spent <= 6_000_000_000);
        assert.deepEqual(count.turnout.map((t) => t.ballots).reduce((a, b) => a + b, 0), 30);
        assert.equal((await refusal(countBallotRound(fresh.ctx, fresh.secretary, roundId))).code, 'conflict', 'counted once');

        // The stored count is what a fresh run over the stored ballots gives.
        const ballots = await ballotsOfRound(fresh.db, roundId);
        const input = { budget: 6_000_000_000, projects: count.projects, ballots: ballots.map((b) => (JSON.parse(b.choices) as number[]).map(String)), rankBy: 'approvals' as const };
        const again = method === 'greedy' ? allocateSync('greedy', input) : allocateSync('mes-add1', input, { add1Increment: count.add1Increment! });
        assert.deepEqual(again.selected, count.result.selected);

        // The .pb export recomputes the published result, through the file and the CLI.
        const round = (await findRound(fresh.db, roundId))!;
        const titles = new Map((await roundProjects(fresh.db, roundId)).map((p) => [String(p.plan_id), p.title]));
        const text = ballotPbText({ round, count: JSON.parse(round.result!) as RoundCount, titles, ballots, unit: 'قزوین' });
        const file = parsePb(text);
        assert.equal(file.votes.length, 30);
        assert.ok(file.votes.every((v) => /^[0-9a-f]{12}$/.test(v.voterId)), 'ballots are named by receipt hash prefixes only');
        const dir = await mkdtemp(path.join(os.tmpdir(), 'ballot-pb-'));
        try {
          const pbPath = path.join(dir, 'round.pb');
          await writeFile(pbPath, text);
          const lines: string[] = [];
          const recomputed = await allocateCommand({ pb: pbPath, method, json: true, output: { write: (s: string) => { lines.push(s); return true; } } as never });
          assert.deepEqual(recomputed.selected, count.result.selected);
          assert.deepEqual(file.projects.filter((p) => p.selected === 1).map((p) => p.id).sort(), [...count.result.selected].sort());
          assert.deepEqual(allocateSync(method, pbToInput(file), count.add1Increment ? { add1Increment: count.add1Increment } : {}).selected, count.result.selected);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }

        const published = await publishBallotRound(fresh.ctx, fresh.secretary, roundId);
        assert.equal(published.notified, 30);
        const funded = await fresh.db.selectFrom('plans').select(['id', 'status', 'funded_rials']).where('id', 'in', count.result.selected.map(Number)).execute();
        assert.ok(funded.every((p) => p.status === 'funded' && p.funded_rials !== null));
        const told = await fresh.db.selectFrom('notifications').select('user_id').where('link', '=', `/ballots/${roundId}`).execute();
        assert.deepEqual(new Set(told.map((n) => n.user_id)), new Set(voters.map((v) => v.id)));
        assert.equal((await refusal(publishBallotRound(fresh.ctx, fresh.secretary, roundId))).code, 'conflict');
        assert.ok((await verifyAuditChain(fresh.db)).ok);
      } finally {
        await fresh.close();
      }
    });
  }

  worldTest('plans on an unpublished ballot are not offered to the expert track, nor to a second round', async (w) => {
    const { approvedPlanFacts } = await import('../allocation/rounds.ts');
    await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ planIds: [w.plans.park] }));
    const facts = await approvedPlanFacts(w.ctx, w.callId);
    assert.ok(!facts.some((f) => f.id === w.plans.park));
    assert.ok(facts.some((f) => f.id === w.plans.library));
    const e = await refusal(createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ planIds: [w.plans.park, w.plans.library] })));
    assert.ok(e.fieldErrors?.plans);
  });
});
