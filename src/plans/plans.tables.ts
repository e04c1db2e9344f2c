import type { Generated } from 'kysely';
import type { PlanStatus } from './plan-lifecycle.ts';

export interface PlansTable {
  id: Generated<number>;
  call_id: number;
  agency_id: number;
  status: PlanStatus;
  title: string;
  summary: string;
  /** matchKey(title + summary): what full-text search indexes. */
  search_text: string;
  /** persianSortKey(title): byte order is Persian alphabetical order. */
  sort_key: string;
  requested_rials: Generated<number>;
  /** Set when an allocation round funds the plan. */
  funded_rials: Generated<number | null>;
  /** Residents' supports, kept by the support operations. */
  support_count: Generated<number>;
  /** The whole plan as JSON (PlanContent); columns above are copies for lists and filters. */
  content: string;
  /** How many versions have been submitted. */
  version: Generated<number>;
  is_public: Generated<0 | 1>;
  created_by: number | null;
  submitted_at: string | null;
  public_at: string | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionsTable {
  plan_id: number;
  version: number;
  title: string;
  content: string;
  submitted_by: number | null;
  submitted_at: string;
}

export interface PlanEventsTable {
  id: Generated<number>;
  plan_id: number;
  from_status: PlanStatus | null;
  to_status: PlanStatus;
  actor_id: number | null;
  message: string | null;
  data: Generated<string>;
  at: string;
}

export interface PlanPlacesTable {
  plan_id: number;
  place_id: number;
  county_id: number | null;
}

export interface PlanTagsTable {
  plan_id: number;
  kind: 'harm' | 'target' | 'intervention';
  code: string;
}

export interface PlanAttachmentsTable {
  id: Generated<number>;
  plan_id: number;
  file_name: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  created_at: string;
}

/** A resident of one of the plan's places backs it; place_id is their home when they did. */
export interface PlanSupportsTable {
  plan_id: number;
  user_id: number;
  place_id: number;
  created_at: string;
}

export interface PlansTables {
  plans: PlansTable;
  plan_supports: PlanSupportsTable;
  plan_versions: PlanVersionsTable;
  plan_events: PlanEventsTable;
  plan_places: PlanPlacesTable;
  plan_tags: PlanTagsTable;
  plan_attachments: PlanAttachmentsTable;
}
