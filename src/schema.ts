import type { AccountsTables } from './accounts/accounts.tables.ts';
import type { AgenciesTables } from './agencies/agencies.tables.ts';
import type { CallsTables } from './calls/calls.tables.ts';
import type { CommentsTables } from './comments/comments.tables.ts';
import type { ReviewsTables } from './reviews/reviews.tables.ts';
import type { AllocationTables } from './allocation/allocation.tables.ts';
import type { PlansTables } from './plans/plans.tables.ts';
import type { PlacesTables } from './places/places.tables.ts';
import type { NeedsTables } from './needs/needs.tables.ts';
import type { BallotsTables } from './ballots/ballots.tables.ts';
import type { ResidencyTables } from './residency/residency.tables.ts';
import type { MeetingsTables } from './meetings/meetings.tables.ts';
import type { ResolutionsTables } from './resolutions/resolutions.tables.ts';
import type { NewsTables } from './news/news.tables.ts';
import type { MonitoringTables } from './monitoring/monitoring.tables.ts';
import type { PlatformTables } from './platform/db/platform.tables.ts';

/** The whole database as Kysely sees it: each module contributes its tables. */
export interface Database extends PlatformTables, AccountsTables, PlacesTables, AgenciesTables, CallsTables, PlansTables, CommentsTables, ReviewsTables, AllocationTables, NeedsTables, BallotsTables, ResidencyTables, MeetingsTables, ResolutionsTables, NewsTables, MonitoringTables {}
