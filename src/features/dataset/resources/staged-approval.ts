import type { DbOrTrx } from '../../../storage/database.js';
import { dropDatastoreOf, dropDatastoreTable } from '../../datastore/datastore.indexes.js';
import { type CurrentUser, actorOf } from '../../../actor/actor.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DatasetRow } from '../dataset.repository.js';
import type { RevisionData, PendingData } from '../revision.js';

/**
 * Moves each loaded hidden row's table, file and file metadata onto its resource, then removes the
 * hidden row and drops the resource's previous table. On approval (inside its transaction) for new
 * data of live resources; right away when a staged new resource gets a newer file. The previous
 * original file is left alone: earlier versions may still serve it.
 */
export async function swapInPendingData(trx: DbOrTrx, pending: PendingData[], now: string): Promise<void> {
  for (const p of pending) {
    const shadow = await trx
      .selectFrom('datastore_tables')
      .selectAll()
      .where('resource_id', '=', p.pendingId)
      .executeTakeFirst();
    const source = await trx.selectFrom('resources').selectAll().where('id', '=', p.pendingId).executeTakeFirst();
    if (!shadow || !source) continue;
    const old = await trx
      .selectFrom('datastore_tables')
      .select('table_name')
      .where('resource_id', '=', p.resourceId)
      .executeTakeFirst();
    const row = {
      table_name: shadow.table_name,
      fields_json: shadow.fields_json,
      row_count: shadow.row_count,
      wilayah_column: shadow.wilayah_column,
      quality_json: shadow.quality_json,
      created_at: now,
    };
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', p.pendingId).execute();
    if (old) await trx.updateTable('datastore_tables').set(row).where('resource_id', '=', p.resourceId).execute();
    else
      await trx
        .insertInto('datastore_tables')
        .values({ resource_id: p.resourceId, ...row })
        .execute();
    await trx
      .updateTable('resources')
      .set({
        format: source.format,
        mimetype: source.mimetype,
        size: source.size,
        hash: source.hash,
        original_file: source.original_file,
        sheet: source.sheet,
        datastore_active: 1,
        last_modified: now,
        metadata_modified: now,
      })
      .where('id', '=', p.resourceId)
      .execute();
    await trx.deleteFrom('ingest_jobs').where('resource_id', '=', p.pendingId).execute();
    await trx.deleteFrom('resources').where('id', '=', p.pendingId).execute();
    if (old) await dropDatastoreTable(trx, old.table_name);
  }
}

/**
 * On approval (inside its transaction, before the version snapshot): staged new resources become
 * active with the tables they already have; removed ones become 'deleted' and lose their datastore
 * table (the original file stays, for earlier versions). Returns the ids actually removed, for the
 * `resources removed` event after the commit.
 */
export async function applyStagedResources(
  trx: DbOrTrx,
  user: CurrentUser | null,
  d: DatasetRow,
  revision: RevisionData,
  now: string,
): Promise<string[]> {
  const version = d.version + 1;
  for (const n of revision.newResources ?? []) {
    const done = await trx
      .updateTable('resources')
      .set({ state: 'active', last_modified: now, metadata_modified: now })
      .where('id', '=', n.resourceId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) continue;
    await recordAudit(trx, actorOf(user, 'system'), {
      action: n.kind === 'link' ? 'resource.link' : 'resource.create',
      entityType: 'resource',
      entityId: n.resourceId,
      after: { dataset: d.name, name: n.name, file: n.fileName, url: n.url, version, staged: true },
    });
  }
  const removed: string[] = [];
  for (const r of revision.removals ?? []) {
    await dropDatastoreOf(trx, r.resourceId);
    const done = await trx
      .updateTable('resources')
      .set({ state: 'deleted', datastore_active: 0, metadata_modified: now })
      .where('id', '=', r.resourceId)
      .where('dataset_id', '=', d.id)
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) continue;
    removed.push(r.resourceId);
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.delete',
      entityType: 'resource',
      entityId: r.resourceId,
      before: { dataset: d.name, name: r.name },
      after: { version, staged: true },
    });
  }
  return removed;
}
