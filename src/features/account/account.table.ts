import type { Generated } from 'kysely';
import type { Role } from '../../actor/actor.js';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  /** Position (jabatan), e.g. "Kepala Bidang Data": signs an official's answers to ideas; empty for most. */
  position: Generated<string>;
  password_hash: string;
  locale: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: Role;
  organization_id: string | null;
  granted_by: string | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  /** `read`, `datasets` or `full` (account/token-scope.ts). */
  scope: Generated<string>;
  created_at: string;
  /** When the token stops working; null only for rows no migration reached. */
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type OneTimePurpose = 'password_reset' | 'admin_setup';

export interface OneTimeTokenTable {
  token_hash: string;
  purpose: OneTimePurpose;
  user_id: string | null;
  created_at: string;
  expires_at: string | null;
  used_at: string | null;
}

/** Failed-login counters for addresses without an account (keyed by sha256 of the address). */
export interface LoginFailureTable {
  email_hash: string;
  failed: Generated<number>;
  locked_until: string | null;
  updated_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    users: UserTable;
    role_grants: RoleGrantTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    one_time_tokens: OneTimeTokenTable;
    login_failures: LoginFailureTable;
  }
}
