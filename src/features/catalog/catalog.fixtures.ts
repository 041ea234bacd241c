import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { newId } from '../../ids.js';
import type { DatastoreField, FieldType } from '../ingest/ingest.table.js';
import type { DatasetState } from '../dataset/dataset.table.js';
import { reindexDataset } from './catalog.index.js';

/**
 * Test and bench fixtures: datasets written straight into the catalogue tables (as the dataset
 * feature would leave them), with optional datastore tables. Not used by the running app.
 */
export interface FixtureResource {
  name: string;
  format?: string;
  fields?: DatastoreField[];
  rows?: unknown[][];
  wilayahColumn?: string;
}

export interface FixtureDataset {
  name: string;
  title: string;
  notes?: string;
  org?: string;
  state?: DatasetState;
  private?: boolean;
  license?: string;
  tags?: string[];
  groups?: string[];
  spatial?: string[];
  modified?: string;
  created?: string;
  resources?: FixtureResource[];
  extra?: Partial<
    Record<
      'definition' | 'unit' | 'method' | 'concept' | 'measure' | 'classification' | 'indicator_formula' | 'source',
      string
    >
  >;
}

const SQL_TYPES: Record<FieldType, string> = {
  int: 'bigint',
  float: 'double precision',
  bool: 'integer',
  date: 'varchar(10)',
  period: 'text',
  text: 'text',
};

export async function ensureGroup(db: Db, name: string, title = name): Promise<string> {
  const found = await db.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await db
    .insertInto('groups')
    .values({ id, name, title, description: `Grup ${title}` })
    .execute();
  return id;
}

/** Creates a physical datastore table with rows (ids 1..n) for a resource. */
export async function createDatastoreTable(
  db: Db,
  resourceId: string,
  fields: DatastoreField[],
  rows: unknown[][],
  wilayahColumn: string | null = null,
): Promise<string> {
  const table = `ds_${resourceId.replace(/-/g, '')}`;
  let create = db.schema.createTable(table).addColumn('_id', 'bigint', (c) => c.primaryKey());
  for (const f of fields) create = create.addColumn(f.id, sql.raw(SQL_TYPES[f.type]) as never);
  await create.execute();
  const chunk = Math.max(1, Math.floor(900 / (fields.length + 1)));
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((row, j) => {
      const v: Record<string, unknown> = { _id: i + j + 1 };
      fields.forEach((f, k) => {
        v[f.id] = f.type === 'bool' && row[k] !== null ? (row[k] ? 1 : 0) : row[k];
      });
      return v;
    });
    await db
      .insertInto(table as never)
      .values(values as never)
      .execute();
  }
  await db
    .insertInto('datastore_tables')
    .values({
      resource_id: resourceId,
      table_name: table,
      fields_json: JSON.stringify(fields),
      row_count: rows.length,
      wilayah_column: wilayahColumn,
      quality_json: '{}',
      created_at: new Date().toISOString(),
    })
    .execute();
  await db.updateTable('resources').set({ datastore_active: 1 }).where('id', '=', resourceId).execute();
  return table;
}

export async function insertDataset(
  db: Db,
  f: FixtureDataset,
  options: { index?: boolean } = {},
): Promise<{ id: string; resourceIds: string[] }> {
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('slug', '=', f.org ?? 'diskominfo')
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = f.modified ?? new Date().toISOString();
  await db
    .insertInto('datasets')
    .values({
      id,
      edit_version: 1,
      name: f.name,
      title: f.title,
      notes: f.notes ?? `Deskripsi ${f.title}.`,
      organization_id: org.id,
      license_id: f.license ?? 'cc-by-4.0',
      contact_name: 'Bidang Statistik',
      contact_email: 'statistik@madiunkota.go.id',
      update_frequency: 'annual',
      temporal_start: '2024-01-01',
      temporal_end: '2024-12-31',
      spatial_codes: JSON.stringify(f.spatial ?? []),
      source: f.extra?.source ?? 'Survei kelurahan',
      method: f.extra?.method ?? 'Pendataan langsung',
      concept: f.extra?.concept ?? '',
      definition: f.extra?.definition ?? '',
      classification: f.extra?.classification ?? '',
      measure: f.extra?.measure ?? '',
      unit: f.extra?.unit ?? '',
      indicator_formula: f.extra?.indicator_formula ?? '',
      indicator_interpretation: '',
      state: f.state ?? 'published',
      version: (f.state ?? 'published') === 'published' ? 1 : 0,
      next_release_date: null,
      created_at: f.created ?? now,
      metadata_modified: now,
      published_at: now,
      creator_user_id: null,
      private: f.private ? 1 : 0,
      superseded_by: null,
    })
    .execute();
  for (const tag of f.tags ?? []) await db.insertInto('dataset_tags').values({ dataset_id: id, name: tag }).execute();
  for (const g of f.groups ?? [])
    await db
      .insertInto('dataset_groups')
      .values({ dataset_id: id, group_id: await ensureGroup(db, g) })
      .execute();
  const resourceIds: string[] = [];
  for (const [i, r] of (f.resources ?? []).entries()) {
    const rid = newId();
    resourceIds.push(rid);
    await db
      .insertInto('resources')
      .values({
        id: rid,
        dataset_id: id,
        name: r.name,
        description: `Berkas ${r.name}`,
        format: r.format ?? 'CSV',
        url_type: 'upload',
        url: '',
        mimetype: (r.format ?? 'CSV').toUpperCase() === 'CSV' ? 'text/csv' : null,
        size: 1234,
        hash: null,
        position: i,
        state: 'active',
        created_at: now,
        last_modified: now,
        metadata_modified: now,
        datastore_active: 0,
        original_file: null,
        sheet: null,
      })
      .execute();
    if (r.fields) await createDatastoreTable(db, rid, r.fields, r.rows ?? [], r.wilayahColumn ?? null);
  }
  if (options.index !== false) await reindexDataset(db, id);
  return { id, resourceIds };
}
