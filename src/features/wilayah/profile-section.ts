import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { RequestContext } from '../../views/page-context.js';
import type { SafeHtml } from '../../views/html.js';
import type { WilayahTable } from './wilayah.table.js';

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

/** The sections, from every feature: the composition root lists them (src/app/registrations.ts). */
declare module '../../http/deps.js' {
  interface AppDeps {
    profileSections: readonly ProfileSection[];
  }
}
