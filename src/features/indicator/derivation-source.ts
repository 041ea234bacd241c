import type { Db } from '../../storage/database.js';
import { SYSTEM_ACTOR } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ResourcesRemovedEvent } from '../dataset/dataset.events.js';
import * as repo from './indicator.repository.js';
import type { IndicatorDerivationTable } from './indicator.table.js';

/**
 * A derivation whose resource left the public data (removed with a new dataset version, the
 * dataset withdrawn or superseded, or a new version made it private) is not updated any more. Its values already published stay, each
 * with its source and period; the derivation records why and since when, and the indicator page
 * says so.
 */
export const SOURCE_REMOVED = 'source_removed';

export interface SourceRemoval {
  reason: ResourcesRemovedEvent['reason'];
  /** When it took effect (ISO-8601). */
  at: string;
  /** 'removed': the first dataset version without the resource; otherwise the dataset's last published version. */
  version: number;
  resourceName: string;
  datasetName: string;
  datasetTitle: string;
}

/** The removal recorded on a derivation (kept as JSON in `last_message`), or null. */
export function sourceRemovalOf(
  d: Pick<IndicatorDerivationTable, 'last_status' | 'last_message'>,
): SourceRemoval | null {
  if (d.last_status !== SOURCE_REMOVED || !d.last_message) return null;
  try {
    return JSON.parse(d.last_message) as SourceRemoval;
  } catch {
    return null;
  }
}

/** The last published version of the dataset that still had the resource (readable, with its original file). */
export const lastVersionWith = (r: SourceRemoval) => (r.reason === 'removed' ? r.version - 1 : r.version);

/** Listener for `resources removed` (dataset.events.ts): marks every derivation of those resources. */
export async function onResourcesRemoved(db: Db, event: ResourcesRemovedEvent): Promise<void> {
  // One query for all the resources: a withdrawn dataset passes every one of them.
  const derivations = await repo.derivationsForResources(db, event.resourceIds);
  if (!derivations.length) return;
  // A dataset made private is not named: the notice is public.
  const hidden = event.reason === 'private';
  const dataset = hidden
    ? undefined
    : await db.selectFrom('datasets').select(['name', 'title']).where('id', '=', event.datasetId).executeTakeFirst();
  const names = hidden
    ? []
    : await db
        .selectFrom('resources')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(derivations.map((d) => d.resource_id))])
        .execute();
  await db.transaction().execute(async (trx) => {
    for (const d of derivations) {
      const removal: SourceRemoval = {
        reason: event.reason,
        at: event.at,
        version: event.version,
        resourceName: hidden ? '' : (names.find((n) => n.id === d.resource_id)?.name ?? d.resource_id),
        datasetName: dataset?.name ?? '',
        datasetTitle: dataset?.title ?? '',
      };
      await repo.updateDerivationRow(trx, d.id, { last_status: SOURCE_REMOVED, last_message: JSON.stringify(removal) });
      await recordAudit(trx, SYSTEM_ACTOR, {
        action: 'indicator.derivation_source_removed',
        entityType: 'indicator',
        entityId: d.indicator_id,
        before: { derivationId: d.id, status: d.last_status },
        after: { derivationId: d.id, resourceId: d.resource_id, ...removal },
      });
    }
  });
}

/** The API's warning text for a derivation whose source was removed (English, like the other warnings). */
export function sourceRemovalWarning(
  d: Pick<IndicatorDerivationTable, 'id' | 'resource_id' | 'last_status' | 'last_message'>,
): string | null {
  const r = sourceRemovalOf(d);
  if (!r) return null;
  const what =
    r.reason === 'removed'
      ? `source resource ${d.resource_id} was removed in version ${r.version} of dataset ${r.datasetName}`
      : r.reason === 'private'
        ? 'its source data stopped being public'
        : `dataset ${r.datasetName} of source resource ${d.resource_id} was ${r.reason}`;
  return `derivation ${d.id}: ${what} on ${r.at.slice(0, 10)}; values already published are kept and no longer updated`;
}
