import type { DbOrTrx } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { datastoreOf, resourcesOf, type DatasetRow } from '../dataset/dataset.repository.js';
import { isUnresolved, type PrivacyFinding } from './findings.js';
import { pendingRevision } from '../dataset/revision.js';
import { parseQuality } from '../datastore/quality-report.js';

/** The findings of one table that the dataset's next approval publishes (or that is live). */
export interface ResourceFindings {
  /** The resource as the public knows it. */
  resourceId: string;
  /** The row owning the table: the resource, or the hidden row of its staged new data. */
  owner: string;
  name: string;
  /** Loaded for the next version (staged new data or a staged new resource), not yet public. */
  staged: boolean;
  findings: PrivacyFinding[];
}

/**
 * Every table the dataset would publish on its next approval, with its privacy findings: the live
 * resources (their staged new data instead, when there is some), without those staged for removal,
 * plus staged new uploads. Tables without findings are left out.
 */
export async function findingsOfDataset(db: DbOrTrx, d: DatasetRow): Promise<ResourceFindings[]> {
  const revision = pendingRevision(d);
  const removed = new Set((revision?.removals ?? []).map((r) => r.resourceId));
  const tables: Omit<ResourceFindings, 'findings'>[] = [];
  for (const r of await resourcesOf(db, d.id)) {
    if (removed.has(r.id)) continue;
    const pending = revision?.pendingData?.find((p) => p.resourceId === r.id);
    tables.push({ resourceId: r.id, owner: pending?.pendingId ?? r.id, name: r.name, staged: !!pending });
  }
  for (const n of revision?.newResources ?? []) {
    if (n.kind === 'upload') tables.push({ resourceId: n.resourceId, owner: n.resourceId, name: n.name, staged: true });
  }
  const stores = await datastoreOf(
    db,
    tables.map((t) => t.owner),
  );
  const out: ResourceFindings[] = [];
  for (const t of tables) {
    const findings = parseQuality(stores.find((s) => s.resource_id === t.owner)?.quality_json)?.personalData ?? [];
    if (findings.length) out.push({ ...t, findings });
  }
  return out;
}

/** Whether the dataset will be public once approved (a revision may change `private`). */
export function willBePublic(d: DatasetRow): boolean {
  const revision = pendingRevision(d);
  return !Number(revision ? revision.columns.private : d.private);
}

/**
 * The publication gate, for approval of a dataset or of a revision: refused while any table it
 * publishes has an unresolved finding and the dataset would be public. A restricted (private)
 * dataset may be approved: nothing of it is public.
 */
export async function assertPublishable(db: DbOrTrx, d: DatasetRow): Promise<void> {
  if (!willBePublic(d)) return;
  const open = (await findingsOfDataset(db, d)).flatMap((t) =>
    t.findings
      .filter(isUnresolved)
      .map((f) => ({ resource: t.name, resourceId: t.resourceId, column: f.column, label: f.label, kind: f.kind })),
  );
  if (open.length === 0) return;
  const columns = open.map((f) => `${f.label} (${f.resource})`).join(', ');
  throw new AppError('PRIVACY_UNRESOLVED', 409, { findings: open }, { columns });
}
