import type { AccountsTables } from './accounts/accounts.tables.ts';
import type { PlacesTables } from './places/places.tables.ts';
import type { PlatformTables } from './platform/db/platform.tables.ts';

/** The whole database as Kysely sees it: each module contributes its tables. */
export interface Database extends PlatformTables, AccountsTables, PlacesTables {}
