import type { Messages } from '../i18n/messages.js';
import { coreMessages } from '../i18n/core.messages.js';
import { versioningMessages } from '../i18n/versioning.messages.js';
import { datasetMessages } from '../features/dataset/dataset.messages.js';
import { ingestMessages } from '../features/ingest/ingest.messages.js';
import { wilayahMessages } from '../features/wilayah/wilayah.messages.js';
import { accountMessages } from '../features/account/account.messages.js';
import { adminMessages } from '../features/admin/admin.messages.js';
import { organizationMessages } from '../features/organization/organization.messages.js';
import { homeMessages } from '../features/home/home.messages.js';
import { historyMessages } from '../features/history/history.messages.js';
import { notificationMessages } from '../features/notification/notification.messages.js';
import { forumMessages } from '../features/forum/forum.messages.js';
import { monitoringMessages } from '../features/monitoring/monitoring.messages.js';
import { planExportMessages } from '../features/plan-export/plan-export.messages.js';
import { indicatorMessages } from '../features/indicator/indicator.messages.js';
import { indicatorReviewMessages } from '../features/indicator/indicator-review.messages.js';
import { datastoreMessages } from '../features/datastore/datastore.messages.js';
import { catalogMessages } from '../features/catalog/catalog.messages.js';
import { planMessages } from '../features/plan/plan.messages.js';
import { ideaMessages } from '../features/idea/idea.messages.js';
import { commitmentMessages } from '../features/commitment/commitment.messages.js';
import { commitmentUiMessages } from '../features/commitment/commitment-ui.messages.js';
import { planUiMessages } from '../features/plan/plan-ui.messages.js';
import { disclosureMessages } from '../features/indicator/disclosure/disclosure.messages.js';
import { methodsMessages } from '../features/methods/methods.messages.js';
import { privacyMessages } from '../features/privacy/privacy.messages.js';
import { correctionMessages } from '../features/correction/correction.messages.js';
import { auditMessages } from '../features/audit/audit.messages.js';
import { amendmentMessages } from '../features/commitment/amendment.messages.js';

/** Every feature's messages (installed into the translator by the composition root). Register a feature's `*.messages.ts` here. */
export const messageCatalogues: Messages[] = [
  coreMessages,
  versioningMessages,
  datasetMessages,
  ingestMessages,
  wilayahMessages,
  accountMessages,
  adminMessages,
  organizationMessages,
  homeMessages,
  historyMessages,
  notificationMessages,
  forumMessages,
  monitoringMessages,
  planExportMessages,
  indicatorMessages,
  indicatorReviewMessages,
  datastoreMessages,
  catalogMessages,
  planMessages,
  ideaMessages,
  commitmentMessages,
  commitmentUiMessages,
  planUiMessages,
  disclosureMessages,
  methodsMessages,
  privacyMessages,
  correctionMessages,
  amendmentMessages,
  auditMessages,
];
