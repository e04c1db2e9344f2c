import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import {
  awaitsConfirmation, canMoveResolution, classifyNotes, compareForFollowUp, displayStatus, dueNotice, isOverdue,
  progressNoteProblems, resolutionStatuses, statusChangeProblems,
} from './resolution-rules.ts';
import { remainingLabel } from './resolution-format.ts';

// ۱۴۰۵/۰۳/۲۸ ends at 00:00 of ۱۴۰۵/۰۳/۲۹ in Tehran (+03:30): 2026-06-18T20:30:00Z.
const deadline = deadlineOfJalaliDay({ jy: 1405, jm: 3, jd: 28 });

test('the deadline is the end of its Jalali day in Tehran', () => {
  assert.equal(deadline, '2026-06-18T20:30:00.000Z');
});

test('isOverdue turns at the deadline instant, not before', () => {
  const r = { status: 'open' as const, deadline_at: deadline };
  assert.equal(isOverdue(r, new Date('2026-06-18T20:29:59.999Z')), false, '23:59:59 in Tehran on the last day');
  assert.equal(isOverdue(r, new Date('2026-06-18T20:30:00.000Z')), true, 'midnight: the day is over');
  assert.equal(isOverdue(r, new Date('2026-06-19T08:00:00Z')), true);
  assert.equal(isOverdue({ ...r, status: 'in_progress' }, new Date('2026-06-19T08:00:00Z')), true);
  assert.equal(isOverdue({ ...r, status: 'done' }, new Date('2026-06-19T08:00:00Z')), false, 'done is never overdue');
  assert.equal(isOverdue({ ...r, status: 'cancelled' }, new Date('2030-01-01T00:00:00Z')), false);
  assert.equal(displayStatus(r, new Date('2026-06-19T08:00:00Z')), 'overdue');
  assert.equal(displayStatus(r, new Date('2026-06-18T08:00:00Z')), 'open');
});

test('transitions: open → in_progress → done; open | in_progress → cancelled; done and cancelled are final', () => {
  const allowed = resolutionStatuses.flatMap((from) => resolutionStatuses.filter((to) => canMoveResolution(from, to)).map((to) => `${from}→${to}`));
  assert.deepEqual(allowed, ['open→in_progress', 'open→done', 'open→cancelled', 'in_progress→done', 'in_progress→cancelled']);
});

test('the secretariat: cancelling needs a reason, a note alone needs text, closed is closed', () => {
  assert.deepEqual(statusChangeProblems('open', { to: 'cancelled', note: ' ' }), { note: 'reason_required' });
  assert.deepEqual(statusChangeProblems('in_progress', { to: 'cancelled', note: 'منتفی شد' }), {});
  assert.deepEqual(statusChangeProblems('in_progress', { to: 'done', note: '' }), {});
  assert.deepEqual(statusChangeProblems('done', { to: 'cancelled', note: 'x' }), { status: 'final' });
  assert.deepEqual(statusChangeProblems('cancelled', { to: 'in_progress', note: '' }), { status: 'final' });
  assert.deepEqual(statusChangeProblems('in_progress', { to: 'in_progress', note: '' }), { status: 'same' });
  assert.deepEqual(statusChangeProblems('open', { to: 'open', note: '' }), { status: 'invalid' }, 'nobody reopens by hand');
  assert.deepEqual(statusChangeProblems('open', { to: 'overdue', note: '' }), { status: 'invalid' }, 'overdue is not a stored state');
  assert.deepEqual(statusChangeProblems('open', { to: '', note: '' }), { note: 'required' });
  assert.deepEqual(statusChangeProblems('open', { to: '', note: 'پیگیری شود' }), {});
  assert.deepEqual(statusChangeProblems('done', { to: '', note: 'x' }), { status: 'final' });
  assert.deepEqual(statusChangeProblems('open', { to: 'done', note: 'x'.repeat(2001) }), { note: 'too_long' });
});

test('the agency: notes, starting work, proposing done; never on a closed resolution', () => {
  assert.deepEqual(progressNoteProblems('open', { body: 'کار آغاز شد', report: 'in_progress' }), {});
  assert.deepEqual(progressNoteProblems('in_progress', { body: 'کار آغاز شد', report: 'in_progress' }), { status: 'same' });
  assert.deepEqual(progressNoteProblems('in_progress', { body: 'انجام شد', report: 'done' }), {});
  assert.deepEqual(progressNoteProblems('open', { body: 'انجام شد', report: 'done' }), {});
  assert.deepEqual(progressNoteProblems('open', { body: '', report: '' }), { body: 'required' });
  assert.deepEqual(progressNoteProblems('open', { body: 'x', report: 'cancelled' }), { status: 'invalid' }, 'the agency cannot cancel');
  assert.deepEqual(progressNoteProblems('done', { body: 'x', report: '' }), { status: 'final' });
  assert.deepEqual(progressNoteProblems('cancelled', { body: 'x', report: '' }), { status: 'final' });
});

test('a done note is a proposal unless it is the confirmation that closed the resolution', () => {
  const notes = [{ status: null }, { status: 'in_progress' as const }, { status: 'done' as const }, { status: null }, { status: 'done' as const }];
  assert.deepEqual(classifyNotes('in_progress', notes), ['note', 'status', 'proposed_done', 'note', 'proposed_done']);
  assert.deepEqual(classifyNotes('done', [...notes, { status: 'done' as const }]), ['note', 'status', 'proposed_done', 'note', 'proposed_done', 'status']);
  assert.equal(awaitsConfirmation('in_progress', 'done'), true);
  assert.equal(awaitsConfirmation('in_progress', null), false, 'the secretariat answered with a note');
  assert.equal(awaitsConfirmation('done', 'done'), false);
});

test('follow-up order: overdue first, then by deadline, closed last', () => {
  const now = new Date('2026-06-20T08:00:00Z');
  const rows = [
    { id: 1, status: 'done' as const, deadline_at: '2026-06-01T20:30:00.000Z' },
    { id: 2, status: 'open' as const, deadline_at: '2026-07-01T20:30:00.000Z' },
    { id: 3, status: 'in_progress' as const, deadline_at: '2026-06-10T20:30:00.000Z' },
    { id: 4, status: 'open' as const, deadline_at: '2026-06-25T20:30:00.000Z' },
    { id: 5, status: 'open' as const, deadline_at: '2026-06-15T20:30:00.000Z' },
  ];
  assert.deepEqual([...rows].sort(compareForFollowUp(now)).map((r) => r.id), [3, 5, 4, 2, 1]);
});

test('reminder 7 days before, overdue notice after, each once', () => {
  const base = { status: 'open' as const, deadline_at: deadline, reminded_at: null, overdue_notified_at: null };
  const at = (s: number) => new Date(Date.parse(deadline) + s * 1000);
  assert.equal(dueNotice(base, at(-7 * 86_400 - 1)), null);
  assert.equal(dueNotice(base, at(-7 * 86_400)), 'reminder');
  assert.equal(dueNotice({ ...base, reminded_at: 'x' }, at(-86_400)), null);
  assert.equal(dueNotice({ ...base, reminded_at: 'x' }, at(0)), 'overdue');
  assert.equal(dueNotice({ ...base, reminded_at: 'x', overdue_notified_at: 'x' }, at(10)), null);
  assert.equal(dueNotice({ ...base, status: 'done' }, at(10)), null);
});

test('days left or past, in Persian', () => {
  assert.equal(remainingLabel(deadline, new Date('2026-06-08T20:30:00Z')), '۱۰ روز مانده');
  assert.equal(remainingLabel(deadline, new Date('2026-06-18T10:00:00Z')), 'امروز آخرین روز است');
  assert.equal(remainingLabel(deadline, new Date('2026-06-18T20:30:00Z')), '۱ روز گذشته');
  assert.equal(remainingLabel(deadline, new Date('2026-06-21T20:00:00Z')), '۳ روز گذشته');
});
