import type { Selectable } from 'kysely';
import type { OutboxTable } from '../mail/mail.table.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type { Role } from '../../actor/actor.js';
import type { GrantRow, UserSummary } from './admin.repository.js';

export function presentAdminUser(user: UserSummary, grants: GrantRow[]) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    disabled: !!user.disabled,
    lockedUntil: user.locked_until && Date.parse(user.locked_until) > Date.now() ? user.locked_until : null,
    createdAt: user.created_at,
    roles: grants
      .filter((g) => g.user_id === user.id)
      .map((g) => ({
        id: g.id,
        role: g.role as Role,
        grantedAt: g.created_at,
        organization: g.organization_id
          ? { id: g.organization_id, slug: g.organization_slug ?? '', name: g.organization_name ?? '' }
          : null,
      })),
  };
}

export const presentOutbox = (m: Selectable<OutboxTable>) => ({
  id: m.id,
  to: m.to_address,
  subject: m.subject,
  body: m.body_text,
  createdAt: m.created_at,
  sentAt: m.sent_at,
  error: m.error,
});

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export const presentAudit = (a: Selectable<AuditLogTable>) => ({
  seq: Number(a.seq),
  occurredAt: a.occurred_at,
  actorId: a.actor_id,
  actor: a.actor_label,
  action: a.action,
  entityType: a.entity_type,
  entityId: a.entity_id,
  before: parse(a.before_json),
  after: parse(a.after_json),
  hash: a.hash,
});
