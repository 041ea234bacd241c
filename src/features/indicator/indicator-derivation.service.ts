import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { type Actor, type CurrentUser, SYSTEM_ACTOR } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { SOURCE_REMOVED } from './derivation-source.js';
import { assertSource } from './indicator.policy.js';
import { getIndicator, getSourceOf, type IndicatorRow } from './indicator.service.js';
import { isPeopleCount } from './indicator-publish.service.js';
import { needsReview } from './indicator-values.service.js';
import { writeValue } from './indicator-value-write.js';
import { submitValues } from './indicator-review.service.js';
import { afterValuesCommitted } from './indicator-value-history.js';
import { countProblem } from './value-validation.js';
import { isPeriod, levelAllowed } from './period.js';
import type { DerivationInput, ValueData } from './indicator.schema.js';
import type { IndicatorDerivationTable } from './indicator.table.js';
import * as repo from './indicator.repository.js';

type Derivation = IndicatorDerivationTable;
interface Store {
  tableName: string;
  fields: DatastoreField[];
  ids: string[];
}

async function datastoreOf(db: Db, resourceId: string): Promise<Store | null> {
  const row = await db
    .selectFrom('datastore_tables')
    .select(['table_name', 'fields_json'])
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
  if (!row) return null;
  const fields = JSON.parse(row.fields_json) as DatastoreField[];
  return { tableName: row.table_name, fields, ids: ['_id', ...fields.map((f) => f.id)] };
}

function missingColumns(
  d: Pick<Derivation, 'value_column' | 'wilayah_column' | 'period_column'>,
  fields: string[],
): string[] {
  return [d.value_column, d.wilayah_column, d.period_column].filter((c): c is string => !!c && !fields.includes(c));
}

/** A period cell: `2024`, `2024-Q3`, `2024-07`, or a date whose month is taken. */
function normalisePeriod(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  if (isPeriod(s)) return s;
  const date = /^(\d{4})-(\d{2})-\d{2}/.exec(s);
  return date ? `${date[1]}-${date[2]}` : null;
}

/** Why groups of rows gave no value (shown when a derivation produces none). */
interface Skips {
  noPeriod: number;
  unknownWilayah: number;
  belowLevel: number;
  noValue: number;
  notCount: number;
}

/** The values a derivation gives from the resource's current table (nothing is written). */
async function computeValues(
  db: Db,
  d: Derivation,
  indicator: IndicatorRow,
  store: Store,
): Promise<{ rows: ValueData[]; skips: Skips }> {
  const col = sql.ref(d.value_column);
  const agg = d.aggregation === 'count' ? sql`count(${col})` : sql`${sql.raw(d.aggregation)}(${col})`;
  const periodSel = d.period_column ? sql`${sql.ref(d.period_column)}` : sql`${d.fixed_period}`;
  const groupBy = d.period_column
    ? sql`${sql.ref(d.wilayah_column)}, ${sql.ref(d.period_column)}`
    : sql`${sql.ref(d.wilayah_column)}`;
  const result = await sql<{ kode: unknown; period: unknown; v: number | null; n: number; missing: number }>`
    select ${sql.ref(d.wilayah_column)} as kode, ${periodSel} as period, ${agg} as v, count(*) as n,
      sum(case when ${col} is null then 1 else 0 end) as missing
    from ${sql.table(store.tableName)} group by ${groupBy}`.execute(db);
  const wilayah = new Map(
    (await db.selectFrom('wilayah').select(['kode', 'tingkat']).execute()).map((w) => [w.kode, w.tingkat]),
  );
  const people = isPeopleCount(indicator);
  const skips: Skips = { noPeriod: 0, unknownWilayah: 0, belowLevel: 0, noValue: 0, notCount: 0 };
  const rows: ValueData[] = [];
  for (const r of result.rows) {
    const kode = r.kode === null ? '' : String(r.kode).trim();
    const period = normalisePeriod(r.period);
    const tingkat = wilayah.get(kode);
    const skip: keyof Skips | null = !period
      ? 'noPeriod'
      : !tingkat
        ? 'unknownWilayah'
        : !levelAllowed(indicator.lowest_level, tingkat)
          ? 'belowLevel'
          : r.v === null
            ? 'noValue'
            : people && countProblem(Number(r.v))
              ? 'notCount'
              : null;
    if (skip) {
      skips[skip]++;
      continue;
    }
    rows.push({
      sourceId: d.source_id,
      wilayahKode: kode,
      period: period!,
      value: Number(r.v),
      status: 'final',
      note: `${d.aggregation}(${d.value_column})`,
      citation: `resource ${d.resource_id}`,
      denominator: `${Number(r.n)} baris`,
      filters: '',
      missingCount: Number(r.missing ?? 0),
    });
  }
  return { rows, skips };
}

const skipped = (s: Skips) => Object.values(s).reduce((a, b) => a + b, 0);

/**
 * Recomputes a derivation's values from the resource's current datastore table. When a column it
 * needs has gone (a new version changed the schema), it records a warning and keeps the old values.
 * A derivation whose resource was removed keeps its values and its record of the removal.
 * An approved derivation's run goes live (its data already passed the dataset review; values
 * that did not change stay as they are, not "revised"); until then a run is a submission.
 */
export async function runDerivation(
  db: Db,
  d: Derivation,
  actor: Actor = SYSTEM_ACTOR,
  user: CurrentUser | null = null,
): Promise<{ status: string; written: number; skipped: number; submission?: string; proposed?: number }> {
  if (d.last_status === SOURCE_REMOVED) return { status: SOURCE_REMOVED, written: 0, skipped: 0 };
  const indicator = await db
    .selectFrom('indicators')
    .selectAll()
    .where('id', '=', d.indicator_id)
    .executeTakeFirstOrThrow();
  const store = await datastoreOf(db, d.resource_id);
  const now = nowIso();
  if (!store) {
    await repo.updateDerivationRow(db, d.id, { last_run_at: now, last_status: 'error', last_message: 'datastore' });
    return { status: 'error', written: 0, skipped: 0 };
  }
  const missing = missingColumns(d, store.ids);
  if (missing.length) {
    await repo.updateDerivationRow(db, d.id, {
      last_run_at: now,
      last_status: 'missing_column',
      last_message: missing.join(', '),
    });
    return { status: 'missing_column', written: 0, skipped: 0 };
  }
  const { rows, skips } = await computeValues(db, d, indicator, store);
  const n = skipped(skips);
  if (!d.approved_at) {
    const submission = await submitValues(db, user, actor, {
      indicator,
      sourceId: d.source_id,
      origin: 'derived',
      rows,
      replace: true,
      note: '',
      derivationId: d.id,
    });
    await repo.updateDerivationRow(db, d.id, {
      last_run_at: now,
      last_status: 'pending_review',
      last_message: n ? `skipped:${n}` : null,
    });
    return { status: 'pending_review', written: 0, skipped: n, submission: submission.id, proposed: rows.length };
  }
  let written = 0;
  await db.transaction().execute(async (trx) => {
    for (const data of rows)
      if ((await writeValue(trx, actor, indicator, data, { origin: 'derived', derivationId: d.id })) !== 'unchanged')
        written++;
    await repo.updateDerivationRow(trx, d.id, {
      last_run_at: now,
      last_status: 'ok',
      last_message: n ? `skipped:${n}` : null,
    });
    if (written)
      await recordAudit(trx, actor, {
        action: 'indicator.derive',
        entityType: 'indicator',
        entityId: indicator.id,
        after: { derivationId: d.id, written, skipped: n },
      });
  });
  if (written) afterValuesCommitted(db, indicator);
  return { status: 'ok', written, skipped: n };
}

/** Sum, mean, min and max need numbers: the datastore typed the column when it was loaded. */
function refuseNonNumeric(input: DerivationInput, store: Store): void {
  if (input.aggregation === 'count') return;
  const field = store.fields.find((f) => f.id === input.valueColumn);
  if (field && (field.type === 'int' || field.type === 'float')) return;
  // `_id` (the row number) is not a field: summing it is as meaningless as summing text.
  const params = { column: input.valueColumn, type: field?.type ?? '_id', aggregation: input.aggregation };
  throw new AppError(
    'DERIVATION_NOT_NUMERIC',
    422,
    {
      fields: [{ field: 'valueColumn', message: 'ivalue.notNumericColumn', params }],
      column: input.valueColumn,
      type: params.type,
    },
    params,
  );
}

/**
 * One derivation per indicator, source and period scope: a period column covers every period, so
 * it clashes with any other live derivation of that source; fixed periods clash when equal.
 */
async function refuseOverlap(db: Db, indicatorId: string, input: DerivationInput): Promise<void> {
  const others = (await repo.listDerivations(db, indicatorId)).filter(
    (o) => o.source_id === input.sourceId && o.last_status !== SOURCE_REMOVED,
  );
  const clash = others.find((o) => !!o.period_column || !!input.periodColumn || o.fixed_period === input.fixedPeriod);
  if (!clash) return;
  const scope = clash.period_column ?? clash.fixed_period ?? '';
  const existing = {
    id: clash.id,
    resourceId: clash.resource_id,
    valueColumn: clash.value_column,
    aggregation: clash.aggregation,
    scope,
  };
  throw new AppError(
    'DERIVATION_EXISTS',
    409,
    { existing },
    { id: clash.id, what: `${clash.aggregation}(${clash.value_column})`, resource: clash.resource_id, scope },
  );
}

/** Registers a derivation from a published datastore resource and computes it once. */
export async function addDerivation(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  input: DerivationInput,
) {
  const indicator = await getIndicator(db, code);
  const source = await getSourceOf(db, indicator.id, input.sourceId);
  assertSource(user, source);
  if (!input.periodColumn && !input.fixedPeriod)
    throw new AppError('VALIDATION_FAILED', 422, {
      fields: [{ field: 'fixedPeriod', message: 'indicator.periodNeeded' }],
    });
  const resource = await db
    .selectFrom('resources as r')
    .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
    .select(['r.id', 'r.dataset_id', 'r.state as resource_state', 'd.state', 'd.private'])
    .where('r.id', '=', input.resourceId)
    .executeTakeFirst();
  // Only a published resource: not one staged for the next version (not approved yet) nor a removed one.
  if (!resource || resource.dataset_id !== input.datasetId || resource.resource_state !== 'active')
    throw new AppError('INDICATOR_RESOURCE_NOT_FOUND', 404, { resourceId: input.resourceId });
  if (resource.state !== 'published')
    throw new AppError('INDICATOR_DATASET_NOT_PUBLISHED', 422, { datasetId: input.datasetId });
  // Derived values are public: a private dataset's data must not surface through them.
  if (Number(resource.private)) throw new AppError('INDICATOR_DATASET_PRIVATE', 422, { datasetId: input.datasetId });
  const store = await datastoreOf(db, input.resourceId);
  if (!store) throw new AppError('INDICATOR_DATASTORE_MISSING', 422, { resourceId: input.resourceId });
  const now = nowIso();
  const row: Derivation = {
    id: newId(),
    indicator_id: indicator.id,
    source_id: source.id,
    dataset_id: input.datasetId,
    resource_id: input.resourceId,
    value_column: input.valueColumn,
    aggregation: input.aggregation,
    wilayah_column: input.wilayahColumn,
    period_column: input.periodColumn,
    fixed_period: input.fixedPeriod,
    last_run_at: null,
    last_status: 'pending',
    last_message: null,
    created_at: now,
    // The walidata's own derivation is live at once; a produsen's first run waits for review.
    approved_at: needsReview(user) ? null : now,
  };
  const missing = missingColumns(row, store.ids);
  if (missing.length)
    throw new AppError(
      'DERIVATION_COLUMN_MISSING',
      422,
      { missing, available: store.ids },
      { columns: missing.join(', ') },
    );
  refuseNonNumeric(input, store);
  await refuseOverlap(db, indicator.id, input);
  const { rows, skips } = await computeValues(db, row, indicator, store);
  if (!rows.length) throw new AppError('DERIVATION_NO_VALUES', 422, { skipped: skips }, { ...skips });
  await db.transaction().execute(async (trx) => {
    await repo.insertDerivation(trx, row);
    await recordAudit(trx, actor, {
      action: 'indicator.derivation_add',
      entityType: 'indicator',
      entityId: indicator.id,
      after: row,
    });
  });
  return { id: row.id, ...(await runDerivation(db, row, actor, user)) };
}

/** A new version of a resource was published: recompute every indicator derived from it. */
export async function onDatastoreReplaced(db: Db, event: { resourceId: string }): Promise<void> {
  for (const d of await repo.derivationsForResource(db, event.resourceId)) await runDerivation(db, d);
}
