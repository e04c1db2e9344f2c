export const roles = [
  'citizen',
  'expert',
  'agency_officer',
  'secretary',
  'council_member',
  'moderator',
  'admin',
  'editor',
] as const;

export type Role = (typeof roles)[number];

/** Roles that sign in with a password rather than a one-time code. */
export const staffRoles: readonly Role[] = ['expert', 'agency_officer', 'secretary', 'council_member', 'moderator', 'admin', 'editor'];
