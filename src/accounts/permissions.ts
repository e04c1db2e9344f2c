import type { Role } from './roles.ts';

/** The signed-in person as business rules see them. */
export type Actor = { id: number; roles: readonly Role[] };

const SIGNED_IN = 'signed_in' as const;

/**
 * The one permission table. Each action names the roles that may do it, or SIGNED_IN for any
 * signed-in person. Later modules add their actions here, never inline checks elsewhere.
 */
const rules = {
  'profile.edit': SIGNED_IN,
  'notifications.read': SIGNED_IN,
  'admin.access': ['admin', 'secretary', 'council_member'],
  'user.manage': ['admin'],
  'audit.read': ['admin', 'council_member'],
  'place.manage': ['admin'],
} as const satisfies Record<string, typeof SIGNED_IN | readonly Role[]>;

export type Action = keyof typeof rules;

/** Whether the actor may perform the action (subjects come with the modules that need them). */
export function can(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  const rule = rules[action] as typeof SIGNED_IN | readonly Role[];
  if (rule === SIGNED_IN) return true;
  return actor.roles.some((r) => rule.includes(r));
}

export const permissionTable: Readonly<Record<Action, typeof SIGNED_IN | readonly Role[]>> = rules;
