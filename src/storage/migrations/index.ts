import type { Migration } from 'kysely';
import * as createCore from './2026_11_27_1600_create_core.js';
import * as createLoginFailures from './2026_11_27_1610_create_login_failures.js';
import * as createActionPlan from './2026_11_27_1620_create_action_plan.js';
import * as createDatasets from './2026_11_27_1700_create_datasets.js';
import * as createCatalogIndex from './2026_11_27_1710_create_catalog_index.js';
import * as createCatalogState from './2026_11_27_1711_create_catalog_state.js';
import * as createHistoryNotification from './2026_11_27_1640_create_history_notification.js';
import * as createForumMonitoring from './2026_11_27_1650_create_forum_monitoring.js';
import * as createIndicators from './2026_11_27_1720_create_indicators.js';
import * as datasetRevisions from './2026_11_27_1800_dataset_revisions.js';
import * as stagedLoads from './2026_11_27_1900_staged_loads.js';
import * as createPrivateOriginals from './2026_12_02_2100_create_private_originals.js';
import * as indicatorDisclosure from './2026_12_02_2200_indicator_disclosure.js';
import * as indicatorSubmissions from './2026_12_02_2300_create_indicator_submissions.js';
import * as indicatorProtection from './2026_12_02_2330_indicator_protection.js';
import * as separateDemoContent from './2026_12_03_1000_separate_demo_content.js';
import * as addEditVersions from './2026_12_03_1100_add_edit_versions.js';
import * as correctionsAmendments from './2026_12_03_1200_create_corrections_amendments.js';
import * as extendMonitoringReviews from './2026_12_03_1300_extend_monitoring_reviews.js';
import * as bilingualContent from './2026_12_03_1400_bilingual_content.js';
import * as keyAuditChain from './2026_12_03_1700_key_audit_chain.js';
import * as createJobs from './2026_12_04_1000_create_jobs.js';
import * as addEmailDigest from './2026_12_04_1010_add_email_digest.js';
import * as addMemberEditVersion from './2026_12_03_1600_add_member_edit_version.js';
import * as createStoredFiles from './2026_12_04_1100_create_stored_files.js';
import * as addTokenScopes from './2026_12_04_1200_add_token_scopes.js';
import * as createRateLimits from './2026_12_04_1210_create_rate_limits.js';

/**
 * Every migration, in order. A static list (not a folder scan) so the set is explicit in review.
 * Add new ones at the end; never edit one that has been merged.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_1600_create_core': createCore,
  '2026_11_27_1610_create_login_failures': createLoginFailures,
  '2026_11_27_1620_create_action_plan': createActionPlan,
  '2026_11_27_1640_create_history_notification': createHistoryNotification,
  '2026_11_27_1650_create_forum_monitoring': createForumMonitoring,
  '2026_11_27_1700_create_datasets': createDatasets,
  '2026_11_27_1710_create_catalog_index': createCatalogIndex,
  '2026_11_27_1711_create_catalog_state': createCatalogState,
  '2026_11_27_1720_create_indicators': createIndicators,
  '2026_11_27_1800_dataset_revisions': datasetRevisions,
  '2026_11_27_1900_staged_loads': stagedLoads,
  '2026_12_02_2100_create_private_originals': createPrivateOriginals,
  '2026_12_02_2200_indicator_disclosure': indicatorDisclosure,
  '2026_12_02_2300_create_indicator_submissions': indicatorSubmissions,
  '2026_12_02_2330_indicator_protection': indicatorProtection,
  '2026_12_03_1000_separate_demo_content': separateDemoContent,
  '2026_12_03_1100_add_edit_versions': addEditVersions,
  '2026_12_03_1200_create_corrections_amendments': correctionsAmendments,
  '2026_12_03_1300_extend_monitoring_reviews': extendMonitoringReviews,
  '2026_12_03_1400_bilingual_content': bilingualContent,
  '2026_12_03_1600_add_member_edit_version': addMemberEditVersion,
  '2026_12_03_1700_key_audit_chain': keyAuditChain,
  '2026_12_04_1000_create_jobs': createJobs,
  '2026_12_04_1010_add_email_digest': addEmailDigest,
  '2026_12_04_1100_create_stored_files': createStoredFiles,
  '2026_12_04_1200_add_token_scopes': addTokenScopes,
  '2026_12_04_1210_create_rate_limits': createRateLimits,
};
