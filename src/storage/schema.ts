import type { WilayahTable } from '../features/wilayah/wilayah.table.js';
import type { OrganizationTable } from '../features/organization/organization.table.js';
import type { ApiTokenTable, OneTimeTokenTable, RoleGrantTable, SessionTable, UserTable } from '../features/account/account.table.js';
import type { OutboxTable } from '../features/mail/mail.table.js';
import type { AuditHeadTable, AuditLogTable } from '../features/audit/audit.table.js';

/** The whole schema as Kysely sees it. Each feature adds its tables here. */
export interface Database {
  wilayah: WilayahTable;
  organizations: OrganizationTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  one_time_tokens: OneTimeTokenTable;
  outbox: OutboxTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
}
