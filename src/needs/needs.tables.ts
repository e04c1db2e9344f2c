import type { Generated } from 'kysely';

export const needStatuses = ['new', 'acknowledged', 'addressed', 'resolved', 'declined'] as const;
export type NeedStatus = (typeof needStatuses)[number];

export interface NeedsTable {
  id: Generated<number>;
  place_id: number;
  author_id: number;
  title: string;
  body: string;
  /** matchKey(title + ' ' + body). */
  search_key: string;
  /** JSON arrays of harm and target-group codes. */
  harms: Generated<string>;
  target_groups: Generated<string>;
  photo_path: string | null;
  photo_type: string | null;
  status: Generated<NeedStatus>;
  status_note: string | null;
  status_by: number | null;
  status_at: string | null;
  support_count: Generated<number>;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface NeedSupportsTable {
  need_id: number;
  user_id: number;
  created_at: string;
}

export type NeedPlanKind = 'evidence' | 'addresses';

export interface NeedPlansTable {
  need_id: number;
  plan_id: number;
  kind: NeedPlanKind;
  linked_by: number | null;
  linked_at: string;
}

export interface NeedsTables {
  needs: NeedsTable;
  need_supports: NeedSupportsTable;
  need_plans: NeedPlansTable;
}
