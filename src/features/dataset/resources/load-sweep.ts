import type { Db, Storage } from '../../../storage/database.js';
import { dataFolderOf } from '../../../storage/database.js';
import { nowIso } from '../../../ids.js';
import { fileStoreOf } from '../../../files/file-store.js';
import { dropDatastoreTable } from '../../datastore/datastore.indexes.js';
import { deleteUnreferencedOriginals } from '../original-files.js';

/**
 * What a load (or a privacy rewrite) killed with its process leaves behind, found and removed:
 * its `ingest_jobs` row stuck `running` (marked failed, so the resource page offers a retry), the
 * half-filled `ds_…` table no resource points to, and originals no row refers to (a file stored
 * before its resource row was written, a partial upload). A table or file that a live job may
 * still be writing is left alone: a table whose resource has a running job (a held lease), a
 * file younger than `filesOlderThanMs`.
 */
export interface SweepResult {
  jobs: number;
  tables: number;
  files: number;
}

const INTERRUPTED = 'INGEST_INTERRUPTED';

/** The load's own row, when its queue job's lease lapsed (called once, by the reaping process). */
export async function markLoadInterrupted(db: Db, ingestJobId: string): Promise<void> {
  await db
    .updateTable('ingest_jobs')
    .set({
      state: 'failed',
      error_code: INTERRUPTED,
      error_json: JSON.stringify({ details: {} }),
      updated_at: nowIso(),
    })
    .where('id', '=', ingestJobId)
    .where('state', 'in', ['queued', 'running'])
    .execute();
}

/** Resources some process is loading or rewriting now: the payloads of running jobs. */
async function busyResources(db: Db): Promise<Set<string>> {
  const running = await db.selectFrom('jobs').select('payload_json').where('state', '=', 'running').execute();
  const ids = running.map((r) => (JSON.parse(r.payload_json) as { resourceId?: unknown }).resourceId);
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

/** ds_<resource id without dashes>_<random> (datastoreTableName) → the resource id's hex. */
const DATASTORE_TABLE = /^ds_([0-9a-f]{32})(?:_[0-9a-f]+)?$/;

async function sweepTables(db: Db, busy: Set<string>): Promise<number> {
  const referenced = new Set(
    (await db.selectFrom('datastore_tables').select('table_name').execute()).map((r) => r.table_name),
  );
  const busyHex = new Set([...busy].map((id) => id.replace(/-/g, '')));
  let dropped = 0;
  for (const t of await db.introspection.getTables()) {
    const match = DATASTORE_TABLE.exec(t.name);
    if (!match || referenced.has(t.name) || busyHex.has(match[1]!)) continue;
    await dropDatastoreTable(db, t.name);
    dropped++;
  }
  return dropped;
}

async function sweepFiles(db: Db, olderThanMs: number): Promise<number> {
  const dataDir = dataFolderOf(db);
  if (!dataDir) return 0;
  const store = fileStoreOf(dataDir);
  const before = Date.now() - olderThanMs;
  const uploads = async () => {
    const keys: string[] = [];
    for await (const f of store.list()) if (f.key.startsWith('uploads/')) keys.push(f.key);
    return keys;
  };
  const old: string[] = [];
  for await (const f of store.list())
    if (f.key.startsWith('uploads/') && f.modifiedAt.getTime() <= before) old.push(f.key);
  // Half-written streams and temporary copies are the store's own leftovers (`sweep`).
  const halfWritten = await store.sweep();
  const count = (await uploads()).length;
  await deleteUnreferencedOriginals(db, old);
  return halfWritten + count - (await uploads()).length;
}

export async function sweepLeftovers(storage: Storage, options: { filesOlderThanMs: number }): Promise<SweepResult> {
  const { db } = storage;
  // Loads whose job holds no live lease (reaped, or from before the queue existed) did not finish.
  const stuck = await db
    .selectFrom('ingest_jobs')
    .leftJoin('jobs', (j) => j.onRef('jobs.id', '=', 'ingest_jobs.id').on('jobs.state', '=', 'running'))
    .select('ingest_jobs.id')
    .where('ingest_jobs.state', 'in', ['queued', 'running'])
    .where('jobs.id', 'is', null)
    .execute();
  for (const { id } of stuck) await markLoadInterrupted(db, id);
  const tables = await sweepTables(db, await busyResources(db));
  const files = await sweepFiles(db, options.filesOlderThanMs);
  return { jobs: stuck.length, tables, files };
}
