import type { RequestContext } from '../../views/page-context.js';
import type { Db } from '../../storage/database.js';
import type { SafeHtml } from '../../views/html.js';
import { hasRole } from '../../actor/actor.js';
import { canEditNow } from '../dataset/dataset.policy.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { findingsOfDataset, willBePublic } from './privacy-gate.js';
import { smallCountThresholdFor } from './privacy.settings.js';
import { renderPrivacyPanel } from './privacy.view.js';

/** The privacy warning on a resource page (its producers and the walidata only). */
export async function resourcePrivacyPanel(
  ctx: RequestContext,
  db: Db,
  d: DatasetRow,
  resourceId: string,
  producer: boolean,
): Promise<SafeHtml | undefined> {
  const tables = (await findingsOfDataset(db, d)).filter((x) => x.resourceId === resourceId);
  if (tables.length === 0) return undefined;
  return renderPrivacyPanel(ctx, d, tables, {
    canResolve: producer && canEditNow(d),
    public: willBePublic(d),
    isWalidata: hasRole(ctx.user, ['walidata']),
    threshold: smallCountThresholdFor(db),
    back: datasetUrls.resource(d.name, resourceId),
  });
}

/** The privacy warning on the walidata's review page: every table the approval would publish. */
export async function reviewPrivacyPanel(ctx: RequestContext, db: Db, d: DatasetRow): Promise<SafeHtml | ''> {
  const tables = await findingsOfDataset(db, d);
  if (tables.length === 0) return '';
  return renderPrivacyPanel(ctx, d, tables, {
    canResolve: false,
    public: willBePublic(d),
    isWalidata: true,
    threshold: smallCountThresholdFor(db),
    back: datasetUrls.review(d.name),
  });
}
