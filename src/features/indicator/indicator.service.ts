import type { Db } from '../../storage/database.js';
import type { Actor, CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertCatalogue, assertSource, canManageCatalogue } from './indicator.policy.js';
import * as repo from './indicator.repository.js';
import type { IndicatorInput, IndicatorPatch, SourceInput } from './indicator.schema.js';
import { updateVersioned } from '../../storage/versioned-update.js';
import { checkDeclarations, declarationColumns } from './disclosure/declarations.js';

export async function getIndicator(db: Db, code: string) {
  const row = await repo.findIndicatorByCode(db, code);
  if (!row) throw new AppError('INDICATOR_NOT_FOUND', 404, { code }, { code });
  return row;
}
export type IndicatorRow = Awaited<ReturnType<typeof getIndicator>>;

export const listIndicatorCatalogue = (db: Db) => repo.listIndicators(db);

async function checkOrganizations(db: Db, ids: string[], field: string) {
  if (!ids.length) return;
  const found = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field, message: 'indicator.unknownOrganization' }] });
}

export async function createIndicator(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  input: IndicatorInput,
  opts: { example?: boolean } = {},
): Promise<string> {
  assertCatalogue(user);
  await checkOrganizations(db, input.producerOrgIds, 'producerOrgIds');
  await checkDeclarations(db, input.code, input);
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    code: input.code,
    name_id: input.nameId,
    name_en: input.nameEn,
    concept: input.concept,
    definition: input.definition,
    interpretation: input.interpretation,
    formula: input.formula,
    unit: input.unit,
    measure: input.measure,
    classification: input.classification,
    lowest_level: input.lowestLevel,
    better_direction: input.betterDirection,
    ...declarationColumns(input),
    decimals: input.decimals,
    producer_org_ids: JSON.stringify(input.producerOrgIds),
    dataset_ids: JSON.stringify(input.datasetIds),
    official_source_id: null,
    is_example: opts.example ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (await repo.findIndicatorByCode(trx, input.code))
      throw new AppError('INDICATOR_CODE_TAKEN', 409, { code: input.code }, { code: input.code });
    await repo.insertIndicator(trx, row);
    await recordAudit(trx, actor, { action: 'indicator.create', entityType: 'indicator', entityId: id, after: row });
  });
  return id;
}

export async function updateIndicator(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  patch: IndicatorPatch,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<number> {
  assertCatalogue(user);
  const before = await getIndicator(db, code);
  if (patch.producerOrgIds) await checkOrganizations(db, patch.producerOrgIds, 'producerOrgIds');
  if (patch.officialSourceId) {
    const source = await repo.findSource(db, patch.officialSourceId);
    if (!source || source.indicator_id !== before.id)
      throw new AppError('SOURCE_NOT_FOUND', 404, { sourceId: patch.officialSourceId });
  }
  const set: Record<string, unknown> = { updated_at: nowIso() };
  const map: Record<string, string> = {
    nameId: 'name_id',
    nameEn: 'name_en',
    concept: 'concept',
    definition: 'definition',
    interpretation: 'interpretation',
    formula: 'formula',
    unit: 'unit',
    measure: 'measure',
    classification: 'classification',
    lowestLevel: 'lowest_level',
    betterDirection: 'better_direction',
    decimals: 'decimals',
    officialSourceId: 'official_source_id',
  };
  for (const [k, col] of Object.entries(map))
    if ((patch as Record<string, unknown>)[k] !== undefined) set[col] = (patch as Record<string, unknown>)[k];
  const declared = {
    countsPeople: patch.countsPeople ?? before.counts_people === 1,
    notPeopleReason: patch.notPeopleReason ?? before.not_people_reason,
    breakdownOf: patch.breakdownOf === undefined ? before.breakdown_of : patch.breakdownOf,
    breakdownDimension: patch.breakdownDimension === undefined ? before.breakdown_dimension : patch.breakdownDimension,
  };
  if (
    [patch.countsPeople, patch.notPeopleReason, patch.breakdownOf, patch.breakdownDimension].some(
      (x) => x !== undefined,
    )
  ) {
    await checkDeclarations(db, code, declared);
    Object.assign(set, declarationColumns(declared));
  }
  // Declaring "not a count of people" (or undoing it) changes what the public sees: its own audit action.
  const protectionChanged =
    set['counts_people'] !== undefined &&
    (set['counts_people'] !== before.counts_people || set['not_people_reason'] !== before.not_people_reason);
  if (patch.producerOrgIds) set['producer_org_ids'] = JSON.stringify(patch.producerOrgIds);
  if (patch.datasetIds) set['dataset_ids'] = JSON.stringify(patch.datasetIds);
  return db.transaction().execute(async (trx) => {
    const version = await updateVersioned(trx, 'indicators', before.id, expectedVersion, set);
    const action =
      patch.officialSourceId !== undefined
        ? 'indicator.designate_official'
        : protectionChanged
          ? 'indicator.declare_protection'
          : 'indicator.update';
    await recordAudit(trx, actor, { action, entityType: 'indicator', entityId: before.id, before, after: set });
    return version;
  });
}

/** The walidata designates the one official source; the others stay visible as alternatives. */
export const designateOfficialSource = (
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  sourceId: string,
) => updateIndicator(db, user, actor, code, { officialSourceId: sourceId }).then(() => undefined);

export async function addSource(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  input: SourceInput,
  opts: { example?: boolean } = {},
): Promise<string> {
  const indicator = await getIndicator(db, code);
  if (input.organizationId) await checkOrganizations(db, [input.organizationId], 'organizationId');
  // A producer may register its own organisation's source; only the walidata may name another producer.
  if (!canManageCatalogue(user)) assertSource(user, { organization_id: input.organizationId });
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    indicator_id: indicator.id,
    organization_id: input.organizationId,
    producer: input.producer,
    method: input.method,
    citation: input.citation,
    is_example: opts.example ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertSource(trx, row);
    // The first source of an indicator becomes its official one until the walidata says otherwise.
    if (!indicator.official_source_id)
      await updateVersioned(trx, 'indicators', indicator.id, undefined, { official_source_id: id, updated_at: now });
    await recordAudit(trx, actor, {
      action: 'indicator.source_add',
      entityType: 'indicator',
      entityId: indicator.id,
      after: row,
    });
  });
  return id;
}

export async function getSourceOf(db: Db, indicatorId: string, sourceId: string) {
  const source = await repo.findSource(db, sourceId);
  if (!source || source.indicator_id !== indicatorId) throw new AppError('SOURCE_NOT_FOUND', 404, { sourceId });
  return source;
}

/** Edits a source's producer name, method or citation (walidata, or the producing organisation). */
export async function updateSource(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  code: string,
  sourceId: string,
  patch: Partial<Pick<SourceInput, 'producer' | 'method' | 'citation'>>,
): Promise<void> {
  const indicator = await getIndicator(db, code);
  const before = await getSourceOf(db, indicator.id, sourceId);
  assertSource(user, before);
  const set = {
    ...(patch.producer !== undefined ? { producer: patch.producer } : {}),
    ...(patch.method !== undefined ? { method: patch.method } : {}),
    ...(patch.citation !== undefined ? { citation: patch.citation } : {}),
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateSourceRow(trx, sourceId, set);
    await recordAudit(trx, actor, {
      action: 'indicator.source_update',
      entityType: 'indicator',
      entityId: indicator.id,
      before,
      after: set,
    });
  });
}
