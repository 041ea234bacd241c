import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Actor } from '../../actor/actor.js';
import { canonicalJson } from '../audit/audit.service.js';
import { newId, nowIso } from '../../ids.js';
import { diffSnapshots, type FieldChange } from './history.diff.js';

export interface EntityVersion {
  version: number;
  snapshot: Record<string, unknown>;
  actorLabel: string;
  createdAt: string;
}

/**
 * Saves the entity's new public state as the next version. Call it in the transaction that
 * changes the entity. The label stored is the actor's display name, never an e-mail address,
 * because history is shown publicly. Returns the version number (1 for the first).
 */
export async function recordVersion(
  trx: DbOrTrx,
  actor: Actor,
  entityType: string,
  entityId: string,
  snapshot: Record<string, unknown>,
): Promise<number> {
  const last = await trx
    .selectFrom('entity_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  let label = actor.label;
  if (actor.id) {
    const user = await trx.selectFrom('users').select('name').where('id', '=', actor.id).executeTakeFirst();
    if (user) label = user.name;
  }
  if (label.includes('@')) label = label.split('@')[0]!;
  await trx
    .insertInto('entity_versions')
    .values({
      id: newId(),
      entity_type: entityType,
      entity_id: entityId,
      version,
      snapshot_json: canonicalJson(snapshot),
      actor_id: actor.id,
      actor_label: label,
      created_at: nowIso(),
    })
    .execute();
  return version;
}

/** Every version of one entity, oldest first. */
export async function listVersions(db: DbOrTrx, entityType: string, entityId: string): Promise<EntityVersion[]> {
  const rows = await db
    .selectFrom('entity_versions')
    .select(['version', 'snapshot_json', 'actor_label', 'created_at'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    snapshot: JSON.parse(r.snapshot_json) as Record<string, unknown>,
    actorLabel: r.actor_label,
    createdAt: r.created_at,
  }));
}

/** Versions recorded for any of these entities (for feeds), newest first. */
export async function listVersionsFor(db: Db, entities: Array<{ entityType: string; entityId: string }>, limit = 50) {
  if (!entities.length) return [];
  const rows = await db
    .selectFrom('entity_versions')
    .select(['entity_type', 'entity_id', 'version', 'snapshot_json', 'actor_label', 'created_at'])
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.entityType), eb('entity_id', '=', e.entityId)]))),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    entityType: r.entity_type,
    entityId: r.entity_id,
    version: r.version,
    snapshot: JSON.parse(r.snapshot_json) as Record<string, unknown>,
    actorLabel: r.actor_label,
    createdAt: r.created_at,
  }));
}

/** The time of the latest version of any of these entities, or null. */
export async function latestVersionAt(
  db: Db,
  entities: Array<{ entityType: string; entityId: string }>,
): Promise<string | null> {
  if (!entities.length) return null;
  const row = await db
    .selectFrom('entity_versions')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.entityType), eb('entity_id', '=', e.entityId)]))),
    )
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

export interface VersionJson {
  version: number;
  actor: string;
  createdAt: string;
  changes: FieldChange[];
}

/** Versions as JSON with their changes against the previous version, newest first. */
export function presentVersions(versions: EntityVersion[], fields?: string[]): VersionJson[] {
  return versions
    .map((v, i) => ({
      version: v.version,
      actor: v.actorLabel,
      createdAt: v.createdAt,
      changes: diffSnapshots(i === 0 ? null : versions[i - 1]!.snapshot, v.snapshot, fields),
    }))
    .reverse();
}
