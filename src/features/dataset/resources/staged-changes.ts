import type { DbOrTrx } from '../../../storage/database.js';
import * as repo from '../dataset.repository.js';
import type { DatasetRow } from '../dataset.repository.js';
import { parseQuality, type QualityReport } from '../../datastore/quality-report.js';
import {
  parseRevision,
  pendingRevision,
  type PendingData,
  type StagedRemoval,
  type StagedResource,
} from '../revision.js';
import type { IngestJobTable } from './ingest-job.table.js';

/**
 * What is staged for the next version of a published dataset, as the revision records it
 * (pending data, new resources, removals; their shapes are in ../revision.ts) and as the loads
 * still under way show it. The commands that stage and discard changes are in revision-staging.service.ts.
 */
/** A load whose job has not moved for this long died with its process (a restart); it no longer holds anything back. */
const STALE_LOAD_MS = 30 * 60 * 1000;
/**
 * Whether a load is still under way: queued, running, or done but not yet joined to the revision
 * (its staged_loads row goes in the same transaction that adds it to the revision).
 */
export const loadUnderWay = (job: Pick<IngestJobTable, 'state' | 'updated_at'> | undefined) =>
  !!job && job.state !== 'failed' && Date.now() - Date.parse(job.updated_at) < STALE_LOAD_MS;

/** Loads of the dataset with their job (state, progress, error). */
export async function loadsWithJobs(db: DbOrTrx, datasetId: string) {
  const loads = await db
    .selectFrom('staged_loads')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('created_at')
    .execute();
  const jobs = loads.length
    ? await db
        .selectFrom('ingest_jobs')
        .selectAll()
        .where(
          'id',
          'in',
          loads.map((l) => l.id),
        )
        .execute()
    : [];
  return loads.map((l) => ({ ...l, job: jobs.find((j) => j.id === l.id) }));
}

/** Loads that have not finished yet (submitting waits for them). */
export async function runningLoads(db: DbOrTrx, datasetId: string): Promise<number> {
  return (await loadsWithJobs(db, datasetId)).filter((l) => loadUnderWay(l.job)).length;
}

/** Pending data of a revision with its quality report (for the walidata's check and the producer). */
async function pendingDataOf(
  db: DbOrTrx,
  d: DatasetRow,
): Promise<Array<PendingData & { name: string; rows: number; quality: QualityReport | null }>> {
  const pending = parseRevision(d)?.pendingData ?? [];
  if (!pending.length) return [];
  const stores = await repo.datastoreOf(
    db,
    pending.map((p) => p.pendingId),
  );
  const names = await db
    .selectFrom('resources')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      pending.map((p) => p.resourceId),
    )
    .execute();
  return pending.map((p) => {
    const s = stores.find((x) => x.resource_id === p.pendingId);
    return {
      ...p,
      name: names.find((n) => n.id === p.resourceId)?.name ?? p.fileName,
      rows: s ? Number(s.row_count) : 0,
      quality: parseQuality(s?.quality_json),
    };
  });
}

export interface StagedLoadView {
  id: string;
  pendingId: string;
  /** The live resource it is new data for (null: a new resource). */
  resourceId: string | null;
  resourceName: string | null;
  fileName: string;
  job: IngestJobTable | undefined;
}

export interface StagedChanges {
  pendingData: Awaited<ReturnType<typeof pendingDataOf>>;
  newResources: Array<StagedResource & { format: string; rows: number | null; quality: QualityReport | null }>;
  removals: StagedRemoval[];
  loads: StagedLoadView[];
}

/** Everything staged for the next version of a published dataset, for the producer's page and the walidata's check. */
export async function stagedChangesOf(db: DbOrTrx, dataset: DatasetRow): Promise<StagedChanges> {
  // Loads first, then the revision as it is now: a finished load leaves the one and joins the other in one transaction.
  const loads = await loadsWithJobs(db, dataset.id);
  const d = (await repo.findDatasetById(db, dataset.id)) ?? dataset;
  const revision = pendingRevision(d);
  const added = revision?.newResources ?? [];
  const [pendingData, rows, stores] = await Promise.all([
    d.state === 'published' ? pendingDataOf(db, d) : Promise.resolve([]),
    added.length
      ? db
          .selectFrom('resources')
          .select(['id', 'format'])
          .where(
            'id',
            'in',
            added.map((n) => n.resourceId),
          )
          .execute()
      : Promise.resolve([]),
    repo.datastoreOf(
      db,
      added.map((n) => n.resourceId),
    ),
  ]);
  const targets = loads.some((l) => l.resource_id)
    ? await db
        .selectFrom('resources')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          loads.flatMap((l) => (l.resource_id ? [l.resource_id] : [])),
        )
        .execute()
    : [];
  return {
    pendingData,
    newResources: added.map((n) => {
      const s = stores.find((x) => x.resource_id === n.resourceId);
      return {
        ...n,
        format: rows.find((r) => r.id === n.resourceId)?.format ?? '',
        rows: s ? Number(s.row_count) : null,
        quality: parseQuality(s?.quality_json),
      };
    }),
    removals: revision?.removals ?? [],
    loads: loads.map((l) => ({
      id: l.id,
      pendingId: l.pending_id,
      resourceId: l.resource_id,
      resourceName: targets.find((t) => t.id === l.resource_id)?.name ?? null,
      fileName: l.file_name,
      job: l.job,
    })),
  };
}
