import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, permissionTable } from './permissions.ts';
import { roles } from './roles.ts';

test('anonymous visitors may do nothing guarded', () => {
  for (const action of Object.keys(permissionTable)) {
    assert.equal((can as (a: null, x: string, s?: unknown) => boolean)(null, action, { agencyId: 1, status: 'draft' }), false, action);
  }
});

test('signed-in actions are open to every role', () => {
  for (const role of roles) assert.equal(can({ id: 1, roles: [role] }, 'profile.edit'), true);
});

test('user management is for admins only', () => {
  assert.equal(can({ id: 1, roles: ['admin'] }, 'user.manage'), true);
  for (const role of roles.filter((r) => r !== 'admin')) assert.equal(can({ id: 1, roles: [role] }, 'user.manage'), false, role);
});

test('several roles combine', () => {
  assert.equal(can({ id: 1, roles: ['citizen', 'council_member'] }, 'audit.read'), true);
  assert.equal(can({ id: 1, roles: ['citizen'] }, 'audit.read'), false);
});

test('every rule names only known roles', () => {
  for (const rule of Object.values(permissionTable)) {
    if (rule === 'signed_in' || typeof rule === 'function') continue;
    for (const r of rule as string[]) assert.ok((roles as readonly string[]).includes(r), r);
  }
});
