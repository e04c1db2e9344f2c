import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePb, pbToInput } from '../allocation/pabulib.ts';
import { allocateSync } from '../allocation/engines/index.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { Browser } from '../testing/harness.ts';
import { createBallotWorld, type BallotWorld } from './ballots-test-setup.ts';
import { castBallot } from './cast-ballot.ts';
import { countBallotRound, type RoundCount } from './count-round.ts';
import { publishBallotRound } from './publish-round.ts';
import { closeRoundNow } from './round-clock.ts';
import { createBallotRound } from './save-round.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function resident(w: BallotWorld, placeId: number | null) {
  const c = await w.citizen();
  const user = await w.db.selectFrom('users').select('id').where('mobile', '=', c.mobile).executeTakeFirstOrThrow();
  if (placeId !== null) await w.db.updateTable('users').set({ home_place_id: placeId }).where('id', '=', user.id).execute();
  return { ...c, id: user.id };
}

test('a resident votes without JavaScript: preview, limits, cast, change, receipt', async () => {
  const w = await createBallotWorld();
  try {
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ minApprovals: 1, maxApprovals: 2 }));
    const anon = new Browser(w.h.app);
    const list = await anon.get('/ballots');
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /اکنون رأی بدهید/);
    const page = await anon.get(`/ballots/${roundId}`);
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /برای رأی دادن با شمارهٔ همراه خود وارد شوید/);
    assert.match(page.body, /بازسازی پارک محله برای نوجوانان/);
    assert.doesNotMatch(page.body, /name="plan"/, 'no ballot form for a visitor');
    assert.equal((await anon.post(`/ballots/${roundId}`, { plan: String(w.plans.park) }, { csrf: null })).statusCode, 403, 'CSRF');

    const outsider = await resident(w, w.places.village);
    assert.match(text((await outsider.browser.get(`/ballots/${roundId}`)).body), /در محدودهٔ این دور رأی‌گیری نیست/);
    const homeless = await resident(w, null);
    assert.match((await homeless.browser.get(`/ballots/${roundId}`)).body, /href="\/profile"/);

    const r = await resident(w, w.places.north);
    const form = await r.browser.get(`/ballots/${roundId}`);
    assert.match(form.body, /name="plan" value="\d+"/);
    assert.match(text(form.body), /دست‌کم ۱ و حداکثر ۲ طرح را برگزینید/);

    const preview = await r.browser.post(`/ballots/${roundId}`, { plan: [String(w.plans.park), String(w.plans.clinic)], action: 'preview' }, { csrfFrom: `/ballots/${roundId}` });
    assert.equal(preview.statusCode, 200);
    assert.match(text(preview.body), /۶۰۰٬۰۰۰٬۰۰۰ تومان/, 'the total of the two plans (4 + 2 billion rials)');
    assert.equal((await w.db.selectFrom('ballots').select('id').execute()).length, 0, 'a preview stores nothing');

    const tooMany = await r.browser.post(`/ballots/${roundId}`, { plan: [String(w.plans.park), String(w.plans.clinic), String(w.plans.sports)], action: 'cast' }, { csrfFrom: `/ballots/${roundId}` });
    assert.equal(tooMany.statusCode, 422);
    assert.match(text(tooMany.body), /بیشتر از ۲ طرح نمی‌توانید برگزینید/);
    assert.match(tooMany.body, new RegExp(`value="${w.plans.sports}" checked`), 'the selection is kept');

    const cast = await r.browser.post(`/ballots/${roundId}`, { plan: [String(w.plans.park)], action: 'cast' }, { csrfFrom: `/ballots/${roundId}` });
    assert.equal(cast.statusCode, 303);
    const after = await r.browser.get(`/ballots/${roundId}`);
    assert.match(text(after.body), /رأی شما ثبت شد/);
    const receipt = /class="receipt-code">([۰-۹-]+)</.exec(after.body)?.[1];
    assert.ok(receipt, 'the receipt code is on the page');
    assert.match(after.body, new RegExp(`value="${w.plans.park}" checked`));

    const change = await r.browser.post(`/ballots/${roundId}`, { plan: [String(w.plans.library), String(w.plans.sports)], action: 'cast' }, { csrfFrom: `/ballots/${roundId}` });
    assert.equal(change.statusCode, 303);
    assert.match(text((await r.browser.get(`/ballots/${roundId}`)).body), /رأی شما تغییر کرد/);
    const rows = await w.db.selectFrom('ballots').select(['choices', 'revision']).execute();
    assert.deepEqual(rows.map((b) => [JSON.parse(b.choices), b.revision]), [[[w.plans.library, w.plans.sports].sort((a, b) => a - b), 2]]);

    const check = await anon.get(`/ballots/${roundId}/receipt?code=${encodeURIComponent(receipt)}`);
    assert.match(text(check.body), /ثبت شده است/);
    assert.match(text((await anon.get(`/ballots/${roundId}/receipt?code=${'1'.repeat(16)}`)).body), /برگه‌ای با این کد در این دور نیست/);
    assert.match(text((await anon.get(`/ballots/${roundId}/receipt?code=12`)).body), /باید ۱۶ رقم باشد/);
  } finally {
    await w.close();
  }
});

test('published results: winners explained, turnout, receipt found in the .pb file that recomputes', async () => {
  const w = await createBallotWorld();
  try {
    const roundId = await createBallotRound(w.ctx, w.secretary, w.callId, w.settings({ maxApprovals: 4 }));
    const r = await resident(w, w.places.south);
    await r.browser.post(`/ballots/${roundId}`, { plan: [String(w.plans.clinic), String(w.plans.sports)], action: 'cast' }, { csrfFrom: `/ballots/${roundId}` });
    const receipt = /class="receipt-code">([۰-۹-]+)</.exec((await r.browser.get(`/ballots/${roundId}`)).body)![1]!;
    for (let i = 0; i < 6; i++) await castBallot(w.ctx, await w.voter(i % 2 ? w.places.north : w.places.south), roundId, i < 4 ? [w.plans.park] : [w.plans.library]);
    const anon = new Browser(w.h.app);
    assert.equal((await anon.get(`/ballots/${roundId}.pb`)).statusCode, 404, 'no file before publication');
    await closeRoundNow(w.ctx, w.secretary, roundId);
    const count = await countBallotRound(w.ctx, w.secretary, roundId);
    assert.match(text((await anon.get(`/ballots/${roundId}`)).body), /نتیجه پس از بررسی دبیرخانه منتشر می‌شود/);
    await publishBallotRound(w.ctx, w.secretary, roundId);

    const page = text((await anon.get(`/ballots/${roundId}`)).body);
    assert.match(page, /نتیجه منتشر شد/);
    assert.match(page, /برگزیده شد/);
    assert.match(page, /نفر به آن رأی دادند/);
    assert.match(page, /محلهٔ جنوبی/);
    const pb = await anon.get(`/ballots/${roundId}.pb`);
    assert.equal(pb.statusCode, 200);
    assert.match(String(pb.headers['content-disposition']), /mahalle-ballot-\d+\.pb/);
    const file = parsePb(pb.body);
    const stored = JSON.parse((await w.db.selectFrom('ballot_rounds').select('result').where('id', '=', roundId).executeTakeFirstOrThrow()).result!) as RoundCount;
    assert.deepEqual(allocateSync('mes-add1', pbToInput(file), { add1Increment: Number(file.meta.get('add1_increment')) }).selected, count.result.selected);
    assert.deepEqual(stored.result.selected, count.result.selected);

    const check = text((await anon.get(`/ballots/${roundId}/receipt?code=${encodeURIComponent(receipt)}`)).body);
    assert.match(check, /شمرده شده است/);
    const id = /شناسهٔ این برگه در پروندهٔ نتیجه: ([0-9a-f]{12})/.exec(check)?.[1];
    assert.ok(id && file.votes.some((v) => v.voterId === id && v.vote.join() === [w.plans.clinic, w.plans.sports].sort((a, b) => a - b).join()), 'the voter finds their own ballot in the file');
    assert.equal(toAsciiDigits(receipt).replace(/-/g, '').length, 16);
    const told = await w.db.selectFrom('notifications').select('subject').where('user_id', '=', r.id).execute();
    assert.ok(told.some((n) => n.subject.includes('منتشر شد')));
  } finally {
    await w.close();
  }
});
