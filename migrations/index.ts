import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_calls_plans.ts';
import * as m0003 from './0003_comments.ts';
import * as m0004 from './0004_reviews.ts';
import * as m0005 from './0005_allocation.ts';
import * as m0006 from './0006_participation.ts';
import * as m0007 from './0007_council_news.ts';
import * as m0008 from './0008_monitoring.ts';

/** Every migration in order; names are their version numbers, shown by /healthz. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calls_plans': m0002,
  '0003_comments': m0003,
  '0004_reviews': m0004,
  '0005_allocation': m0005,
  '0006_participation': m0006,
  '0007_council_news': m0007,
  '0008_monitoring': m0008,
};
