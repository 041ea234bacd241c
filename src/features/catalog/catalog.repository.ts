import type { DbOrTrx } from '../../storage/database.js';

/** One page of public dataset ids, newest change first, with the total (optionally only those changed since a time). */
export async function pagePublicDatasetIds(
  db: DbOrTrx,
  o: { since: string | null; limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  let q = db.selectFrom('catalog_entries').select('dataset_id');
  let countQ = db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll<number>().as('n'));
  if (o.since) {
    q = q.where('metadata_modified', '>=', o.since);
    countQ = countQ.where('metadata_modified', '>=', o.since);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('metadata_modified', 'desc').orderBy('dataset_id').limit(o.limit).offset(o.offset).execute(),
    countQ.executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.dataset_id), total: Number(count.n) };
}
