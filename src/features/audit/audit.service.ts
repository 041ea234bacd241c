import type { DbOrTrx } from '../../storage/database.js';
import { nowIso, sha256 } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';
import { auditKey, hmacHex } from './audit.key.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

interface HashInput {
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
}

/**
 * The hash of one entry: an HMAC-SHA256 with the audit key from `keyed_from` on, plain sha256
 * (with `key` null) for the entries written before the chain was keyed.
 */
export function entryHash(row: HashInput, key: Buffer | null): string {
  const text = canonicalJson([
    row.prev_hash,
    row.seq,
    row.occurred_at,
    row.actor_id,
    row.actor_label,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return key ? hmacHex(key, text) : sha256(text);
}

/**
 * Appends one entry to the hash-chained audit log. Call it inside the transaction that makes
 * the change: the UPDATE on the single audit_head row serialises concurrent writers (a row lock
 * on PostgreSQL, the write lock on SQLite), so the chain never forks.
 */
export async function recordAudit(trx: DbOrTrx, actor: Actor, entry: AuditEntry): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash', 'keyed_from'])
    .executeTakeFirstOrThrow();
  const row: HashInput = {
    seq: head.seq,
    occurred_at: nowIso(),
    actor_id: actor.id,
    actor_label: actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined ? null : canonicalJson(entry.after),
    prev_hash: head.hash,
  };
  const hash = entryHash(row, head.seq >= head.keyed_from ? auditKey(trx) : null);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}
