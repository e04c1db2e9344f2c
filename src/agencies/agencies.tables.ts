import type { Generated } from 'kysely';
import type { AgencyKind } from '../taxonomy/codes.ts';

export interface AgenciesTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  sort_key: string;
  kind: AgencyKind;
  scope_place_id: number | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: Generated<0 | 1>;
  is_demo: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface AgencyOfficersTable {
  agency_id: number;
  user_id: number;
  created_at: string;
}

export interface AgenciesTables {
  agencies: AgenciesTable;
  agency_officers: AgencyOfficersTable;
}
