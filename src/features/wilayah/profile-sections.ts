import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { RequestContext } from '../../http/context.js';
import type { SafeHtml } from '../../views/html.js';
import type { WilayahTable } from './wilayah.table.js';
import { indicatorProfileSection } from '../indicator/indicator-profile.section.js';
import { actionPlanSection } from '../commitment/kelurahan.section.js';

/**
 * A block on a wilayah profile page contributed by another feature (indicators, datasets,
 * commitments that touch the kelurahan, …). Return null to show nothing.
 */
export interface ProfileSection {
  /** Stable id, used as the section's anchor. */
  id: string;
  /** Lower numbers come first. */
  order: number;
  render(ctx: RequestContext, db: Db, wilayah: Selectable<WilayahTable>): Promise<SafeHtml | null>;
  /** The same content for the JSON twin (`/api/v1/wilayah/{kode}/profile`). */
  json?(db: Db, wilayah: Selectable<WilayahTable>): Promise<unknown>;
}

/** Features register their sections here (one line each). */
export const profileSections: ProfileSection[] = [
  indicatorProfileSection,
  actionPlanSection,
];
