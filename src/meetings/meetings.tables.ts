import type { Generated } from 'kysely';

export const meetingStatuses = ['draft', 'held', 'published'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const agendaKinds = ['plan', 'compliance', 'need', 'resolution', 'other'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export interface MeetingsTable {
  id: Generated<number>;
  title: string;
  /** ISO-8601 UTC instant. */
  starts_at: string;
  venue: Generated<string>;
  chair: Generated<string>;
  /** Markdown, rendered without raw HTML. */
  minutes: Generated<string>;
  public_summary: Generated<string>;
  status: Generated<MeetingStatus>;
  published_at: string | null;
  created_by: number | null;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface MeetingMembersTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: number | null;
  name: string;
  role: Generated<string>;
  attended: 0 | 1 | null;
}

export interface MeetingAgenciesTable {
  meeting_id: number;
  agency_id: number;
  representative: Generated<string>;
  attended: 0 | 1 | null;
}

export interface MeetingAgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: AgendaKind;
  ref_id: number | null;
  title: string;
  notes: Generated<string>;
}

export interface MeetingAttachmentsTable {
  id: Generated<number>;
  meeting_id: number;
  file_name: string;
  storage_key: string;
  content_type: string;
  size: number;
  sha256: string;
  is_public: Generated<0 | 1>;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface MeetingsTables {
  meetings: MeetingsTable;
  meeting_members: MeetingMembersTable;
  meeting_agencies: MeetingAgenciesTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_attachments: MeetingAttachmentsTable;
}
