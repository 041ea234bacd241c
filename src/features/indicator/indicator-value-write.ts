import type { DbOrTrx } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';
import type { IndicatorRow } from './indicator.service.js';
import type { ValueData } from './indicator.schema.js';
import type { ValueOrigin, ValueStatus } from './indicator.table.js';
import { HISTORY_UNMARKED, HISTORY_VISIBLE } from './indicator-value-history.js';
import * as repo from './indicator.repository.js';

export interface WriteOptions {
  origin: ValueOrigin;
  derivationId?: string | null;
  example?: boolean;
}

/**
 * Writes one value inside a transaction. A changed value keeps its previous figure in the history
 * table; a changed final value becomes "revised" (and stays so) unless the caller says otherwise.
 * A write that changes nothing leaves the row, its status and the history as they were.
 */
/**
 * A new history entry is UNMARKED (hidden until the background job after the commit has checked
 * it against the protection; see indicator-value-history.ts), so a crash before that job leaves
 * the number hidden, never shown. Seeds carry already-published figures.
 */
const historyMarkOnWrite = (origin: ValueOrigin): number => (origin === 'seed' ? HISTORY_VISIBLE : HISTORY_UNMARKED);

export async function writeValue(
  trx: DbOrTrx,
  actor: Actor,
  indicator: IndicatorRow,
  data: ValueData,
  opts: WriteOptions,
): Promise<'inserted' | 'updated' | 'unchanged'> {
  const now = nowIso();
  const existing = await repo.findValue(trx, {
    indicatorId: indicator.id,
    sourceId: data.sourceId,
    wilayahKode: data.wilayahKode,
    period: data.period,
  });
  if (!existing) {
    const id = newId();
    await repo.insertValue(trx, {
      id,
      indicator_id: indicator.id,
      source_id: data.sourceId,
      wilayah_kode: data.wilayahKode,
      period: data.period,
      value: data.value,
      status: data.status,
      note: data.note,
      citation: data.citation,
      denominator: data.denominator,
      filters: data.filters,
      missing_count: data.missingCount ?? null,
      origin: opts.origin,
      derivation_id: opts.derivationId ?? null,
      is_example: opts.example ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    await repo.insertHistory(trx, {
      id: newId(),
      value_id: id,
      indicator_id: indicator.id,
      previous_value: null,
      new_value: data.value,
      previous_status: null,
      new_status: data.status,
      previous_note: null,
      origin: opts.origin,
      actor_label: actor.label,
      changed_at: now,
      hidden: historyMarkOnWrite(opts.origin),
    });
    return 'inserted';
  }
  const wasFinal = existing.status === 'final' || existing.status === 'revised';
  const valueChanged = existing.value !== data.value;
  // A final figure that has been revised once stays "revised" while it is final.
  const status: ValueStatus =
    data.status === 'final' && wasFinal && (valueChanged || existing.status === 'revised') ? 'revised' : data.status;
  const same =
    !valueChanged &&
    existing.status === status &&
    existing.note === data.note &&
    existing.citation === data.citation &&
    existing.denominator === data.denominator &&
    existing.filters === data.filters &&
    (existing.missing_count ?? null) === (data.missingCount ?? null);
  if (same) return 'unchanged';
  await repo.updateValueRow(trx, existing.id, {
    value: data.value,
    status,
    note: data.note,
    citation: data.citation,
    denominator: data.denominator,
    filters: data.filters,
    missing_count: data.missingCount ?? null,
    origin: opts.origin,
    derivation_id: opts.derivationId ?? existing.derivation_id,
    updated_at: now,
  });
  await repo.insertHistory(trx, {
    id: newId(),
    value_id: existing.id,
    indicator_id: indicator.id,
    previous_value: existing.value,
    new_value: data.value,
    previous_status: existing.status,
    new_status: status,
    previous_note: existing.note,
    origin: opts.origin,
    actor_label: actor.label,
    changed_at: now,
    hidden: historyMarkOnWrite(opts.origin),
  });
  return 'updated';
}
