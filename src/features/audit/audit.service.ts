import type { DbOrTrx, Db } from '../../storage/database.js';
import { nowIso, sha256 } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';

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

export function entryHash(row: HashInput): string {
  return sha256(
    canonicalJson([
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
    ]),
  );
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
    .returning(['seq', 'hash'])
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
  const hash = entryHash(row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not match, when not ok. */
  brokenAt?: { seq: number; reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' | 'head_mismatch' };
}

/** Recomputes the whole chain, in pages, and reports the first broken link. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<VerifyResult> {
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return { ok: false, checked, brokenAt: { seq: expectedSeq, reason: 'sequence_gap' } };
      if (row.prev_hash !== prevHash)
        return { ok: false, checked, brokenAt: { seq: row.seq, reason: 'link_mismatch' } };
      if (entryHash(row) !== row.hash)
        return { ok: false, checked, brokenAt: { seq: row.seq, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== checked || head.hash !== prevHash) {
    return { ok: false, checked, brokenAt: { seq: head.seq, reason: 'head_mismatch' } };
  }
  return { ok: true, checked };
}
