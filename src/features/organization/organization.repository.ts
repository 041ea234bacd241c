import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { DialectAdapter } from '../../storage/dialects/dialect.js';
import type { OrganizationKind, OrganizationTable } from './organization.table.js';

export interface OrganizationFilter {
  kind?: OrganizationKind;
  q?: string;
  limit?: number;
  offset?: number;
}

const COLUMNS = [
  'organizations.id',
  'organizations.slug',
  'organizations.name',
  'organizations.kind',
  'organizations.wilayah_kode',
  'organizations.description',
  'organizations.website',
  'organizations.email',
  'organizations.created_at',
  'organizations.updated_at',
  'organizations.edit_version',
  'wilayah.nama as wilayah_nama',
  'wilayah.tingkat as wilayah_tingkat',
] as const;

function base(db: DbOrTrx) {
  return db.selectFrom('organizations').leftJoin('wilayah', 'wilayah.kode', 'organizations.wilayah_kode');
}

function filtered(db: DbOrTrx, dialect: DialectAdapter, f: OrganizationFilter) {
  let q = base(db);
  if (f.kind) q = q.where('organizations.kind', '=', f.kind);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        dialect.containsInsensitive('organizations.name', needle),
        dialect.containsInsensitive('organizations.slug', needle),
      ]),
    );
  }
  return q;
}

export function listOrganizations(db: DbOrTrx, dialect: DialectAdapter, f: OrganizationFilter = {}) {
  let q = filtered(db, dialect, f).select(COLUMNS).orderBy('organizations.kind').orderBy('organizations.name');
  if (f.limit) q = q.limit(f.limit).offset(f.offset ?? 0);
  return q.execute();
}

export async function countOrganizations(
  db: DbOrTrx,
  dialect: DialectAdapter,
  f: OrganizationFilter = {},
): Promise<number> {
  const row = await filtered(db, dialect, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findOrganizationBySlug = (db: DbOrTrx, slug: string) =>
  base(db).select(COLUMNS).where('organizations.slug', '=', slug).executeTakeFirst();
export const findOrganizationById = (db: DbOrTrx, id: string) =>
  base(db).select(COLUMNS).where('organizations.id', '=', id).executeTakeFirst();

export type OrganizationRow = NonNullable<Awaited<ReturnType<typeof findOrganizationById>>>;

export async function insertOrganization(db: DbOrTrx, row: Insertable<OrganizationTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

/** Options for organisation pickers (admin forms). */
export const listOrganizationOptions = (db: DbOrTrx) =>
  db.selectFrom('organizations').select(['id', 'slug', 'name', 'kind']).orderBy('name').execute();

/** Every organisation's name by id, for labelling rows that only carry the id. */
export async function organizationNameMap(db: DbOrTrx): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organizations').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of these organisation ids exist (forms check every organisation they name). */
export async function knownOrganizationIds(db: DbOrTrx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  return new Set(
    (
      await db
        .selectFrom('organizations')
        .select('id')
        .where('id', 'in', [...ids])
        .execute()
    ).map((o) => o.id),
  );
}
