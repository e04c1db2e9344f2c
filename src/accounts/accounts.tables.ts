import type { Generated } from 'kysely';
import type { Role } from './roles.ts';

export interface UsersTable {
  id: Generated<number>;
  mobile: string | null;
  email: string | null;
  name: Generated<string>;
  password_hash: string | null;
  home_place_id: number | null;
  status: Generated<'active' | 'disabled'>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** HMAC of the national ID the person gave for residency verification (unique). */
  national_id_hash: string | null;
  /** The place a census match or the secretariat verified; it counts only while it is the home place. */
  residency_place_id: number | null;
  residency_method: 'census' | 'manual' | null;
  residency_verified_at: string | null;
  residency_verified_by: number | null;
}

export interface UserRolesTable {
  user_id: number;
  role: Role;
  granted_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface OtpCodesTable {
  id: Generated<number>;
  mobile: string;
  code_hash: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  consumed_at: string | null;
}

export interface AccountsTables {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  otp_codes: OtpCodesTable;
}
