import type { Db } from '../../storage/database.js';
import type { DialectAdapter } from '../../storage/dialects/dialect.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { findWilayah } from '../wilayah/wilayah.repository.js';
import {
  findOrganizationById,
  findOrganizationBySlug,
  insertOrganization,
  type OrganizationRow,
} from './organization.repository.js';
import { presentOrganizationAdmin } from './organization.presenter.js';
import { updateVersioned } from '../../storage/versioned-update.js';
import type { OrganizationInput } from './organization.schema.js';

const slugTaken = () =>
  new AppError('SLUG_TAKEN', 409, { fields: [{ field: 'slug', message: 'organization.slugTaken' }] });

export async function getOrganizationBySlug(db: Db, slug: string): Promise<OrganizationRow> {
  const row = await findOrganizationBySlug(db, slug);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
  return row;
}

export async function getOrganizationById(db: Db, id: string): Promise<OrganizationRow> {
  const row = await findOrganizationById(db, id);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
  return row;
}

async function checkWilayah(db: Db, kode: string | null | undefined): Promise<void> {
  if (kode && !(await findWilayah(db, kode)))
    throw invalid([{ field: 'wilayahKode', message: 'organization.wilayahUnknown' }]);
}

function columns(input: OrganizationInput) {
  return {
    slug: input.slug,
    name: input.name,
    kind: input.kind,
    wilayah_kode: input.wilayahKode || null,
    description: input.description ?? '',
    website: input.website || null,
    email: input.email?.toLowerCase() || null,
  };
}

/** Creates an organisation; audited in the same transaction. */
export async function createOrganization(
  db: Db,
  dialect: DialectAdapter,
  actor: Actor,
  input: OrganizationInput,
): Promise<OrganizationRow> {
  await checkWilayah(db, input.wilayahKode);
  const id = newId();
  try {
    return await db.transaction().execute(async (trx) => {
      if (await findOrganizationBySlug(trx, input.slug)) throw slugTaken();
      const now = nowIso();
      await insertOrganization(trx, { id, ...columns(input), created_at: now, updated_at: now });
      const row = (await findOrganizationById(trx, id))!;
      await recordAudit(trx, actor, {
        action: 'organization.create',
        entityType: 'organization',
        entityId: id,
        after: presentOrganizationAdmin(row),
      });
      return row;
    });
  } catch (error) {
    if (dialect.isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** Replaces the editable fields of an organisation; audited with before and after. */
export async function updateOrganization(
  db: Db,
  dialect: DialectAdapter,
  actor: Actor,
  id: string,
  input: OrganizationInput,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<OrganizationRow> {
  await checkWilayah(db, input.wilayahKode);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await findOrganizationById(trx, id);
      if (!before) throw new AppError('ORGANIZATION_NOT_FOUND', 404);
      const other = await findOrganizationBySlug(trx, input.slug);
      if (other && other.id !== id) throw slugTaken();
      await updateVersioned(trx, 'organizations', id, expectedVersion, { ...columns(input), updated_at: nowIso() });
      const after = (await findOrganizationById(trx, id))!;
      await recordAudit(trx, actor, {
        action: 'organization.update',
        entityType: 'organization',
        entityId: id,
        before: presentOrganizationAdmin(before),
        after: presentOrganizationAdmin(after),
      });
      return after;
    });
  } catch (error) {
    if (dialect.isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}
