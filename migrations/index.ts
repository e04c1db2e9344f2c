import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_calls_plans.ts';
import * as m0003 from './0003_comments.ts';

/** Every migration in order; names are their version numbers, shown by /healthz. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calls_plans': m0002,
  '0003_comments': m0003,
};
