import type { DbOrTrx } from '../../storage/database.js';
import type { Actor, Role } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';

export interface DateCorrection {
  id: string;
  entityType: string;
  entityId: string;
  field: string;
  originalValue: string | null;
  newValue: string | null;
  reason: string;
  actorRole: string;
  organizationName: string | null;
  createdAt: string;
}

export interface CorrectionTarget {
  entityType: string;
  entityId: string;
  field: string;
}

/**
 * The reason a locked date may change, trimmed; refuses an empty one with a field error named
 * `field` (the form's reason input), so nothing is written without it.
 */
export function requireCorrectionReason(reason: string | null | undefined, field = 'dateCorrectionReason'): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length < 5)
    throw new AppError('DATE_LOCKED', 422, { fields: [{ field, message: 'correction.rule.reasonRequired' }] });
  return trimmed;
}

/** The role shown publicly for the person correcting: admin, else their first grant among `roles`. */
async function roleOf(
  db: DbOrTrx,
  actor: Actor,
  roles: readonly Role[],
): Promise<{ role: string; organizationId: string | null }> {
  if (!actor.id) return { role: 'system', organizationId: null };
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'organization_id'])
    .where('user_id', '=', actor.id)
    .execute();
  const grant = grants.find((g) => g.role === 'admin') ?? grants.find((g) => roles.includes(g.role)) ?? grants[0];
  return {
    role: grant?.role ?? 'warga',
    organizationId: grant?.role === 'admin' ? null : (grant?.organization_id ?? null),
  };
}

/**
 * Records a date correction (and its audit entry) inside the caller's transaction. A value that
 * does not change records nothing.
 */
export async function recordDateCorrection(
  trx: DbOrTrx,
  actor: Actor,
  actingRoles: readonly Role[],
  c: CorrectionTarget & { originalValue: string | null; newValue: string | null; reason: string },
): Promise<void> {
  if (c.originalValue === c.newValue) return;
  const by = await roleOf(trx, actor, actingRoles);
  const row = {
    id: newId(),
    entity_type: c.entityType,
    entity_id: c.entityId,
    field: c.field,
    original_value: c.originalValue,
    new_value: c.newValue,
    reason: c.reason,
    actor_id: actor.id,
    actor_role: by.role,
    actor_organization_id: by.organizationId,
    created_at: nowIso(),
  };
  await trx.insertInto('date_corrections').values(row).execute();
  await recordAudit(trx, actor, {
    action: 'date.correct',
    entityType: c.entityType,
    entityId: c.entityId,
    before: { [c.field]: c.originalValue },
    after: { [c.field]: c.newValue, reason: c.reason },
  });
}

/** Every correction of these entities, oldest first, with the acting organisation's name. */
export async function listCorrections(db: DbOrTrx, entityType: string, entityIds: string[]): Promise<DateCorrection[]> {
  if (!entityIds.length) return [];
  const rows = await db
    .selectFrom('date_corrections as c')
    .leftJoin('organizations as o', 'o.id', 'c.actor_organization_id')
    .selectAll('c')
    .select('o.name as organization_name')
    .where('c.entity_type', '=', entityType)
    .where('c.entity_id', 'in', [...new Set(entityIds)])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    field: r.field,
    originalValue: r.original_value,
    newValue: r.new_value,
    reason: r.reason,
    actorRole: r.actor_role,
    organizationName: r.organization_name ?? null,
    createdAt: r.created_at,
  }));
}

/** The value a claim is judged against: the first correction's original, else the current value. */
export function originalValueOf<T extends string | null>(
  corrections: DateCorrection[],
  entityId: string,
  field: string,
  current: T,
): T | string | null {
  const first = corrections.find((c) => c.entityId === entityId && c.field === field);
  return first ? first.originalValue : current;
}

export const correctionsOf = (corrections: DateCorrection[], entityId: string) =>
  corrections.filter((c) => c.entityId === entityId);

/**
 * The rows with `field` set back to its original value wherever it was corrected: what a due
 * date or "on time" judgement is computed from.
 */
export async function withOriginalDates<T extends { id: string }, K extends keyof T & string>(
  db: DbOrTrx,
  entityType: string,
  field: K,
  rows: T[],
): Promise<T[]> {
  const corrections = await listCorrections(
    db,
    entityType,
    rows.map((r) => r.id),
  );
  if (!corrections.length) return rows;
  return rows.map((r) => ({ ...r, [field]: originalValueOf(corrections, r.id, field, r[field] as string | null) }));
}
