import type { Db, DbOrTrx } from '../../storage/database.js';
import type { CurrentUser } from '../../http/context.js';
import { AppError, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { assertSource } from './indicator.policy.js';
import * as repo from './indicator.repository.js';
import { levelAllowed } from './period.js';

import { getIndicator, getSourceOf, type IndicatorRow } from './indicator.service.js';
import { toFieldError, valueInput, type ValueData, type ValueInput } from './indicator.schema.js';
import type { ValueOrigin, ValueStatus } from './indicator.table.js';

export interface WriteOptions {
  origin: ValueOrigin;
  derivationId?: string | null;
  example?: boolean;
}

/** Checks one value against the indicator: a known area at or above the lowest valid level. */
async function checkValue(db: DbOrTrx, indicator: IndicatorRow, data: ValueData, prefix = ''): Promise<FieldError[]> {
  const w = await db.selectFrom('wilayah').select(['kode', 'tingkat', 'nama']).where('kode', '=', data.wilayahKode).executeTakeFirst();
  if (!w) return [{ field: `${prefix}wilayahKode`, message: 'indicator.unknownWilayah', params: { kode: data.wilayahKode } }];
  if (!levelAllowed(indicator.lowest_level, w.tingkat)) {
    return [{ field: `${prefix}wilayahKode`, message: 'indicator.belowLevel', params: { nama: w.nama, tingkat: w.tingkat, level: indicator.lowest_level } }];
  }
  return [];
}

/**
 * Writes one value inside a transaction. A changed value keeps its previous figure in the history
 * table; a changed final value becomes "revised" unless the caller says otherwise.
 */
export async function writeValue(trx: DbOrTrx, actor: Actor, indicator: IndicatorRow, data: ValueData, opts: WriteOptions): Promise<'inserted' | 'updated' | 'unchanged'> {
  const now = nowIso();
  const existing = await repo.findValue(trx, { indicatorId: indicator.id, sourceId: data.sourceId, wilayahKode: data.wilayahKode, period: data.period });
  if (!existing) {
    const id = newId();
    await repo.insertValue(trx, {
      id, indicator_id: indicator.id, source_id: data.sourceId, wilayah_kode: data.wilayahKode, period: data.period, value: data.value,
      status: data.status, note: data.note, citation: data.citation, denominator: data.denominator, filters: data.filters, missing_count: data.missingCount ?? null,
      origin: opts.origin, derivation_id: opts.derivationId ?? null, is_example: opts.example ? 1 : 0, created_at: now, updated_at: now,
    });
    await repo.insertHistory(trx, { id: newId(), value_id: id, indicator_id: indicator.id, previous_value: null, new_value: data.value, previous_status: null, new_status: data.status, previous_note: null, origin: opts.origin, actor_label: actor.label, changed_at: now });
    return 'inserted';
  }
  const same = existing.value === data.value && existing.status === data.status && existing.note === data.note && existing.citation === data.citation && existing.denominator === data.denominator
    && existing.filters === data.filters && (existing.missing_count ?? null) === (data.missingCount ?? null);
  if (same) return 'unchanged';
  const status: ValueStatus = existing.value !== data.value && existing.status === 'final' && data.status === 'final' ? 'revised' : data.status;
  await repo.updateValueRow(trx, existing.id, {
    value: data.value, status, note: data.note, citation: data.citation, denominator: data.denominator, filters: data.filters, missing_count: data.missingCount ?? null,
    origin: opts.origin, derivation_id: opts.derivationId ?? existing.derivation_id, updated_at: now,
  });
  await repo.insertHistory(trx, { id: newId(), value_id: existing.id, indicator_id: indicator.id, previous_value: existing.value, new_value: data.value, previous_status: existing.status, new_status: status, previous_note: existing.note, origin: opts.origin, actor_label: actor.label, changed_at: now });
  return 'updated';
}

/** Entry by form or API: one value, validated, audited. */
export async function setValue(db: Db, user: CurrentUser | null, actor: Actor, code: string, input: ValueInput, origin: ValueOrigin = 'form') {
  const indicator = await getIndicator(db, code);
  const parsed = valueInput.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.error.issues.map(toFieldError) });
  const data = parsed.data;
  const source = await getSourceOf(db, indicator.id, data.sourceId);
  assertSource(user, source);
  const errors = await checkValue(db, indicator, data);
  if (errors.length) throw new AppError(errors[0]!.message === 'indicator.belowLevel' ? 'VALUE_BELOW_VALID_LEVEL' : 'VALIDATION_FAILED', 422, { fields: errors }, errors[0]!.params);
  return db.transaction().execute(async (trx) => {
    const result = await writeValue(trx, actor, indicator, data, { origin });
    if (result !== 'unchanged') await recordAudit(trx, actor, { action: `indicator.value_${result}`, entityType: 'indicator', entityId: indicator.id, after: data });
    return result;
  });
}

export interface ImportRowError { row: number; field: string; message: string; params?: Record<string, string | number> }
export interface ImportResult { inserted: number; updated: number; unchanged: number }

/**
 * Imports rows (already read from CSV/XLSX) for one source, all or nothing. Every row is checked
 * first; a key repeated inside the file is an error; values that already exist are an error unless
 * the caller explicitly asked to replace them. Nothing is ever silently doubled.
 */
export async function importValues(db: Db, user: CurrentUser | null, actor: Actor, code: string, sourceId: string, rows: Array<Record<string, unknown>>, replace: boolean): Promise<ImportResult> {
  const indicator = await getIndicator(db, code);
  const source = await getSourceOf(db, indicator.id, sourceId);
  assertSource(user, source);
  if (!rows.length) throw new AppError('IMPORT_EMPTY', 422);
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const valid: ValueData[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const rowNo = i + 2; // the header is row 1
    const parsed = valueInput.safeParse({ sourceId, wilayahKode: r['wilayah_kode'] ?? r['kode_wilayah'] ?? '', period: String(r['period'] ?? r['periode'] ?? ''), value: r['value'] ?? r['nilai'] ?? '', status: r['status'] || undefined, note: r['note'] ?? r['catatan'] ?? '', citation: r['citation'] ?? r['sitasi'] ?? r['sumber'] ?? '', denominator: r['denominator'] ?? r['penyebut'] ?? '', filters: r['filters'] ?? r['filter'] ?? '', missingCount: r['missing_count'] ?? r['jumlah_kosong'] ?? '' });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: rowNo, ...toFieldError(issue) });
      continue;
    }
    const key = `${parsed.data.wilayahKode}|${parsed.data.period}`;
    if (seen.has(key)) {
      errors.push({ row: rowNo, field: 'wilayahKode', message: 'indicator.duplicateInFile', params: { other: seen.get(key)!, kode: parsed.data.wilayahKode, period: parsed.data.period } });
      continue;
    }
    seen.set(key, rowNo);
    for (const e of await checkValue(db, indicator, parsed.data)) errors.push({ row: rowNo, ...e });
    valid.push(parsed.data);
  }
  if (errors.length) throw new AppError('IMPORT_INVALID', 422, { rows: errors.slice(0, 200), errorCount: errors.length }, { n: errors.length });
  if (!replace) {
    const existing = await repo.listValues(db, indicator.id, { sourceId });
    const have = new Set(existing.map((v) => `${v.wilayah_kode}|${v.period}`));
    const clashes = valid.filter((v) => have.has(`${v.wilayahKode}|${v.period}`));
    if (clashes.length) throw new AppError('IMPORT_WOULD_REPLACE', 409, { existing: clashes.slice(0, 50).map((c) => ({ wilayahKode: c.wilayahKode, period: c.period })), count: clashes.length }, { n: clashes.length });
  }
  return db.transaction().execute(async (trx) => {
    const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0 };
    for (const data of valid) result[await writeValue(trx, actor, indicator, data, { origin: 'import' })]++;
    await recordAudit(trx, actor, { action: 'indicator.import', entityType: 'indicator', entityId: indicator.id, after: { sourceId, replace, ...result } });
    return result;
  });
}
