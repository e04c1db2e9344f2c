import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can } from '../accounts/permissions.ts';
import { roles } from '../accounts/roles.ts';

test('anyone signed in posts a need and supports others\' needs, never their own', () => {
  for (const role of roles) assert.equal(can({ id: 1, roles: [role] }, 'need.post'), true, role);
  assert.equal(can(null, 'need.post'), false);
  assert.equal(can({ id: 1, roles: ['citizen'] }, 'need.support', { authorId: 2 }), true);
  assert.equal(can({ id: 1, roles: ['citizen'] }, 'need.support', { authorId: 1 }), false);
});

test('only the secretariat and admins set a need\'s status', () => {
  for (const role of roles) assert.equal(can({ id: 1, roles: [role] }, 'need.manage'), role === 'secretary' || role === 'admin', role);
});

test('an officer cites needs only in their own agency\'s plans', () => {
  const officer = { id: 1, roles: ['agency_officer' as const], agencyIds: [7] };
  assert.equal(can(officer, 'need.cite', { agencyId: 7 }), true);
  assert.equal(can(officer, 'need.cite', { agencyId: 8 }), false);
  assert.equal(can({ id: 2, roles: ['secretary'] }, 'need.cite', { agencyId: 7 }), false);
  assert.equal(can({ id: 3, roles: ['citizen'], agencyIds: [7] }, 'need.cite', { agencyId: 7 }), false, 'the role is needed too');
});
