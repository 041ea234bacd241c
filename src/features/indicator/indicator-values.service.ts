import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Actor, CurrentUser } from '../../actor/actor.js';
import { AppError, type FieldError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertSource, canManageCatalogue } from './indicator.policy.js';
import { levelAllowed } from './period.js';
import { isPeopleCount } from './indicator-publish.service.js';
import { getIndicator, getSourceOf, type IndicatorRow } from './indicator.service.js';
import { toFieldError, valueInput, type ValueData, type ValueInput } from './indicator.schema.js';
import type { ValueOrigin } from './indicator.table.js';
import { countProblem, parseNumber, type NumberFormat, type SumWarning } from './value-validation.js';
import { afterValuesCommitted } from './indicator-value-history.js';
import { writeValue } from './indicator-value-write.js';
import { submitValues, warningsFor, type SubmissionSummary } from './indicator-review.service.js';
import * as repo from './indicator.repository.js';

/** Checks one value against the indicator: a known area at or above the lowest valid level. */
async function checkValue(db: DbOrTrx, indicator: IndicatorRow, data: ValueData, prefix = ''): Promise<FieldError[]> {
  const w = await db
    .selectFrom('wilayah')
    .select(['kode', 'tingkat', 'nama'])
    .where('kode', '=', data.wilayahKode)
    .executeTakeFirst();
  if (!w)
    return [{ field: `${prefix}wilayahKode`, message: 'indicator.unknownWilayah', params: { kode: data.wilayahKode } }];
  if (!levelAllowed(indicator.lowest_level, w.tingkat)) {
    return [
      {
        field: `${prefix}wilayahKode`,
        message: 'indicator.belowLevel',
        params: { nama: w.nama, tingkat: w.tingkat, level: indicator.lowest_level },
      },
    ];
  }
  return [];
}

/**
 * One value as entered (form, API, import row): the number read as people write it (`1.234` is
 * 1234), the schema, and for counts of people a whole number of at least zero.
 */
export function readValue(
  indicator: IndicatorRow,
  input: ValueInput,
  format: NumberFormat = 'auto',
): { ok: true; data: ValueData } | { ok: false; errors: FieldError[] } {
  const number = parseNumber(input.value, format);
  if (number && !number.ok) return { ok: false, errors: [{ field: 'value', message: number.message }] };
  const parsed = valueInput.safeParse({ ...input, value: number ? number.value : undefined });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(toFieldError) };
  const problem = isPeopleCount(indicator) ? countProblem(parsed.data.value) : null;
  if (problem)
    return { ok: false, errors: [{ field: 'value', message: problem, params: { value: parsed.data.value } }] };
  return { ok: true, data: parsed.data };
}

/** Whether what this user enters waits for the walidata (a produsen) or goes live (walidata, admin). */
export const needsReview = (user: CurrentUser | null) => !canManageCatalogue(user);

export type SetValueResult =
  | { result: 'inserted' | 'updated' | 'unchanged' }
  | { result: 'submitted'; submission: SubmissionSummary };

/** Entry by form or API: one value, validated; live and audited for the walidata, a submission for a produsen. */
export async function setValue(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  input: ValueInput,
  origin: ValueOrigin = 'form',
): Promise<SetValueResult> {
  const indicator = await getIndicator(db, code);
  const read = readValue(indicator, input);
  if (!read.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: read.errors });
  const data = read.data;
  const source = await getSourceOf(db, indicator.id, data.sourceId);
  assertSource(user, source);
  const errors = await checkValue(db, indicator, data);
  if (errors.length)
    throw new AppError(
      errors[0]!.message === 'indicator.belowLevel' ? 'VALUE_BELOW_VALID_LEVEL' : 'VALIDATION_FAILED',
      422,
      { fields: errors },
      errors[0]!.params,
    );
  if (needsReview(user)) {
    const submission = await submitValues(db, user, actor, {
      indicator,
      sourceId: source.id,
      origin,
      rows: [data],
      replace: true,
      note: '',
    });
    return { result: 'submitted', submission };
  }
  const result = await db.transaction().execute(async (trx) => {
    const outcome = await writeValue(trx, actor, indicator, data, { origin });
    if (outcome !== 'unchanged')
      await recordAudit(trx, actor, {
        action: `indicator.value_${outcome}`,
        entityType: 'indicator',
        entityId: indicator.id,
        after: data,
      });
    return outcome;
  });
  afterValuesCommitted(db, indicator);
  return { result };
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
  params?: Record<string, string | number>;
}
export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** A produsen's import: the submission waiting for the walidata. */
  submission?: SubmissionSummary;
  /** The walidata's own import: parents that are not the sum of their children, for a second look. */
  warnings?: SumWarning[];
}
export interface ImportOptions {
  numberFormat?: NumberFormat;
  note?: string;
}

/** Header names an import understands for each field (the first is the documented one). */
export const IMPORT_COLUMNS = {
  wilayahKode: ['wilayah_kode', 'kode_wilayah'],
  period: ['period', 'periode'],
  value: ['value', 'nilai'],
  status: ['status'],
  note: ['note', 'catatan'],
  citation: ['citation', 'sitasi', 'sumber'],
  denominator: ['denominator', 'penyebut'],
  filters: ['filters', 'filter'],
  missingCount: ['missing_count', 'jumlah_kosong'],
} as const;
const REQUIRED_COLUMNS = ['wilayahKode', 'period', 'value'] as const;

/** A file without the columns it needs is one clear error, not a "required" error on every row. */
function checkHeaders(rows: Array<Record<string, unknown>>): void {
  const headers = Object.keys(rows[0] ?? {});
  const missing = REQUIRED_COLUMNS.filter((f) => !IMPORT_COLUMNS[f].some((h) => headers.includes(h)));
  if (!missing.length) return;
  const expected = REQUIRED_COLUMNS.map((f) => IMPORT_COLUMNS[f].join('/')).join(', ');
  const known = new Set<string>(Object.values(IMPORT_COLUMNS).flat());
  const unknown = headers.filter((h) => !known.has(h));
  throw new AppError(
    'IMPORT_UNKNOWN_COLUMNS',
    422,
    { missing: missing.map((f) => IMPORT_COLUMNS[f][0]), unknown, expected },
    { columns: (unknown.length ? unknown : headers).join(', '), expected },
  );
}

function cell(r: Record<string, unknown>, field: keyof typeof IMPORT_COLUMNS): unknown {
  for (const h of IMPORT_COLUMNS[field]) if (r[h] !== undefined && r[h] !== null) return r[h];
  return undefined;
}

/** A value as an import row or a JSON batch gives it, before checking. */
function importInput(sourceId: string, r: Record<string, unknown>): ValueInput {
  const text = (f: keyof typeof IMPORT_COLUMNS) => {
    const v = cell(r, f);
    return v === undefined ? '' : String(v);
  };
  return {
    sourceId,
    wilayahKode: text('wilayahKode'),
    period: text('period'),
    value: cell(r, 'value') as string,
    status: (text('status') || undefined) as never,
    note: text('note'),
    citation: text('citation'),
    denominator: text('denominator'),
    filters: text('filters'),
    missingCount: text('missingCount') as never,
  };
}

/**
 * Checks a batch of values, all or nothing: every row is read and checked, a key repeated inside
 * the batch is an error, and any error refuses the whole batch naming each row.
 */
export async function validateRows(
  db: DbOrTrx,
  indicator: IndicatorRow,
  inputs: ValueInput[],
  format: NumberFormat = 'auto',
  firstRow = 2,
): Promise<ValueData[]> {
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const valid: ValueData[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const rowNo = i + firstRow;
    const read = readValue(indicator, inputs[i]!, format);
    if (!read.ok) {
      for (const e of read.errors) errors.push({ row: rowNo, ...e });
      continue;
    }
    const key = `${read.data.wilayahKode}|${read.data.period}`;
    if (seen.has(key)) {
      errors.push({
        row: rowNo,
        field: 'wilayahKode',
        message: 'indicator.duplicateInFile',
        params: { other: seen.get(key)!, kode: read.data.wilayahKode, period: read.data.period },
      });
      continue;
    }
    seen.set(key, rowNo);
    for (const e of await checkValue(db, indicator, read.data)) errors.push({ row: rowNo, ...e });
    valid.push(read.data);
  }
  if (errors.length)
    throw new AppError(
      'IMPORT_INVALID',
      422,
      { rows: errors.slice(0, 200), errorCount: errors.length },
      { n: errors.length },
    );
  return valid;
}

/** Values that would replace published ones are refused unless the caller asked to replace them. */
export async function refuseReplacing(
  db: DbOrTrx,
  indicator: IndicatorRow,
  sourceId: string,
  rows: ValueData[],
): Promise<void> {
  const existing = await repo.listValues(db, indicator.id, { sourceId });
  const have = new Set(existing.map((v) => `${v.wilayah_kode}|${v.period}`));
  const clashes = rows.filter((v) => have.has(`${v.wilayahKode}|${v.period}`));
  if (clashes.length)
    throw new AppError(
      'IMPORT_WOULD_REPLACE',
      409,
      {
        existing: clashes.slice(0, 50).map((c) => ({ wilayahKode: c.wilayahKode, period: c.period })),
        count: clashes.length,
      },
      { n: clashes.length },
    );
}

/** Rows read from an import file, checked as an import checks them (columns first, then every row). */
export async function readImportRows(
  db: DbOrTrx,
  indicator: IndicatorRow,
  sourceId: string,
  rows: Array<Record<string, unknown>>,
  format: NumberFormat = 'auto',
): Promise<ValueData[]> {
  if (!rows.length) throw new AppError('IMPORT_EMPTY', 422);
  checkHeaders(rows);
  return validateRows(
    db,
    indicator,
    rows.map((r) => importInput(sourceId, r)),
    format,
  );
}

/**
 * Imports rows (already read from CSV/XLSX) for one source, all or nothing (see validateRows);
 * values that already exist are an error unless the caller explicitly asked to replace them.
 * Nothing is ever silently doubled. The walidata's import goes live in one transaction; a
 * produsen's becomes one submission for review.
 */
export async function importValues(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  sourceId: string,
  rows: Array<Record<string, unknown>>,
  replace: boolean,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const indicator = await getIndicator(db, code);
  const source = await getSourceOf(db, indicator.id, sourceId);
  assertSource(user, source);
  const valid = await readImportRows(db, indicator, sourceId, rows, opts.numberFormat);
  if (!replace) await refuseReplacing(db, indicator, sourceId, valid);
  if (needsReview(user)) {
    const submission = await submitValues(db, user, actor, {
      indicator,
      sourceId,
      origin: 'import',
      rows: valid,
      replace,
      note: opts.note ?? '',
    });
    return { inserted: 0, updated: 0, unchanged: 0, submission };
  }
  const warnings = await warningsFor(db, indicator, sourceId, valid);
  const result = await db.transaction().execute(async (trx) => {
    const counts: ImportResult = { inserted: 0, updated: 0, unchanged: 0 };
    for (const data of valid) counts[await writeValue(trx, actor, indicator, data, { origin: 'import' })]++;
    await recordAudit(trx, actor, {
      action: 'indicator.import',
      entityType: 'indicator',
      entityId: indicator.id,
      after: { sourceId, replace, ...counts },
    });
    return counts;
  });
  afterValuesCommitted(db, indicator);
  return warnings.length ? { ...result, warnings } : result;
}
