import type { NavItem } from '../views/nav.js';
import type { HomeTileSource } from '../features/home/home-tile.js';
import type { ProfileSection } from '../features/wilayah/profile-section.js';
import type { DatasetPageExtras } from '../features/dataset/dataset.hooks.js';
import type { Followables } from '../features/notification/followable.js';
import type { MethodsSection } from '../features/methods/methods.section.js';
import type { Db } from '../storage/database.js';
import { wilayahTile } from '../features/wilayah/wilayah.home.js';
import { actionPlanTile } from '../features/plan/plan.home.js';
import { forumTile } from '../features/forum/forum.home.js';
import { datasetTile } from '../features/catalog/catalog.home.js';
import { indicatorTile } from '../features/indicator/indicator.home.js';
import { indicatorProfileSection } from '../features/indicator/indicator-profile.section.js';
import { actionPlanSection } from '../features/commitment/kelurahan.section.js';
import { privacyMethodsSection } from '../features/privacy/privacy-methods.section.js';
import { disclosureSection } from '../features/methods/disclosure.section.js';
import { dcatDatasetHead, dcatDatasetNegotiation } from '../features/dcat/dcat.head.js';
import { resourceSection } from '../features/datastore/datastore.web.js';
import { indicatorQueueLink } from '../features/indicator/indicator-review.web.js';
import { planFollowTargets } from '../features/plan/plan.repository.js';
import { commitmentFollowTargets } from '../features/commitment/commitment.repository.js';
import { forumFollowTargets, meetingFollowTargets } from '../features/forum/forum.followables.js';

/*
 * What one feature's pages show of another's, listed in one place (one line each); build-app.ts
 * hands them to the routes as `app.deps`. The other registration points: route plugins in
 * routes.ts, message catalogues in messages.ts, event listeners in compose.ts, seeds in seeds/.
 */

/** The main menu, in order. */
export const mainNav: readonly NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/wilayah', label: 'nav.wilayah' },
  { href: '/rencana-aksi', label: 'nav.actionPlan' },
  { href: '/ide', label: 'nav.ideas' },
  { href: '/data', label: 'nav.catalog' },
  { href: '/indikator', label: 'nav.indicators' },
  { href: '/forum', label: 'nav.forum' },
];

/** The home page's tiles, in order. */
export const homeTiles: readonly HomeTileSource[] = [
  wilayahTile,
  actionPlanTile,
  forumTile,
  datasetTile,
  indicatorTile,
];

/** Blocks on a wilayah profile page (ordered by their own `order`). */
export const profileSections: readonly ProfileSection[] = [indicatorProfileSection, actionPlanSection];

/** The sections of the methods page /metode, in order. */
export const methodsSections: readonly MethodsSection[] = [privacyMethodsSection, disclosureSection];

/**
 * What a signed-in user can follow (notification/): entity type → the table that proves it exists
 * and how "What I follow" names and links it.
 */
export const followables: Followables = {
  plan: { table: 'plans', column: 'id', describe: planFollowTargets },
  commitment: { table: 'commitments', column: 'id', describe: commitmentFollowTargets },
  forum: { table: 'ogp_profile', column: 'id', describe: forumFollowTargets },
  forum_meeting: { table: 'forum_meetings', column: 'id', describe: meetingFollowTargets },
};

/** What other features add to the dataset pages. */
export function datasetPageExtras(db: Db, baseUrl: string): DatasetPageExtras {
  return {
    datasetHead: [dcatDatasetHead(db, baseUrl)],
    negotiation: [dcatDatasetNegotiation(db, baseUrl)],
    resourceSections: [resourceSection],
    reviewQueue: [indicatorQueueLink],
  };
}
