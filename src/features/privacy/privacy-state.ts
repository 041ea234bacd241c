import type { Db } from '../../storage/database.js';
import type { CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { getDataset } from '../dataset/dataset.service.js';
import { canSeeUnpublished } from '../dataset/dataset.policy.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import { isUnresolved } from './findings.js';
import { findingsOfDataset, willBePublic, type ResourceFindings } from './privacy-gate.js';

export interface PrivacyState {
  d: DatasetRow;
  public: boolean;
  unresolved: number;
  resources: ResourceFindings[];
}

/** A dataset's findings, for its producers and the walidata (column names are internal detail). */
export async function privacyState(db: Db, user: CurrentUser | null, name: string): Promise<PrivacyState> {
  const d = await getDataset(db, user, name);
  if (!canSeeUnpublished(user, d)) throw new AppError('DATASET_NOT_FOUND', 404);
  const resources = await findingsOfDataset(db, d);
  return {
    d,
    public: willBePublic(d),
    unresolved: resources.reduce((n, r) => n + r.findings.filter(isUnresolved).length, 0),
    resources,
  };
}

export const presentPrivacy = (s: PrivacyState) => ({
  public: s.public,
  unresolved: s.unresolved,
  resources: s.resources.map(({ owner: _owner, ...r }) => r),
});
