import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { wilayahApi } from '../features/wilayah/wilayah.api.js';
import { wilayahWeb } from '../features/wilayah/wilayah.web.js';
import { homeWeb } from '../features/home/home.web.js';
import { datasetApi } from '../features/dataset/dataset.api.js';
import { resourceApi } from '../features/dataset/resources/resource.api.js';
import { datasetWeb } from '../features/dataset/dataset.web.js';
import { resourceWeb } from '../features/dataset/resources/resource.web.js';
import { accountApi } from '../features/account/account.api.js';
import { accountWeb } from '../features/account/account.web.js';
import { authWeb } from '../features/account/auth.web.js';
import { adminApi } from '../features/admin/admin.api.js';
import { adminWeb } from '../features/admin/admin.web.js';
import { organizationApi } from '../features/organization/organization.api.js';
import { organizationWeb } from '../features/organization/organization.web.js';
import { notificationApi } from '../features/notification/notification.api.js';
import { notificationWeb } from '../features/notification/notification.web.js';
import { forumApi } from '../features/forum/forum.api.js';
import { forumWeb } from '../features/forum/forum.web.js';
import { monitoringApi } from '../features/monitoring/monitoring.api.js';
import { monitoringWeb } from '../features/monitoring/monitoring.web.js';
import { feedWeb } from '../features/feed/feed.web.js';
import { auditWeb } from '../features/audit/audit.web.js';
import { historyApi } from '../features/history/history.api.js';
import { planExportApi } from '../features/plan-export/plan-export.api.js';
import { planExportWeb } from '../features/plan-export/plan-export.web.js';
import { datastoreApi } from '../features/datastore/datastore.api.js';
import { datastoreWeb } from '../features/datastore/datastore.web.js';
import { ckanApi } from '../features/ckan/ckan.api.js';
import { catalogApi } from '../features/catalog/catalog.api.js';
import { catalogWeb } from '../features/catalog/catalog.web.js';
import { dcatWeb } from '../features/dcat/dcat.web.js';
import { planApi } from '../features/plan/plan.api.js';
import { commitmentApi } from '../features/commitment/commitment.api.js';
import { amendmentApi } from '../features/commitment/amendment.api.js';
import { amendmentWeb } from '../features/commitment/amendment.web.js';
import { ideaApi } from '../features/idea/idea.api.js';
import { planWeb } from '../features/plan/plan.web.js';
import { commitmentWeb } from '../features/commitment/commitment.web.js';
import { ideaWeb } from '../features/idea/idea.web.js';
import { indicatorApi } from '../features/indicator/indicator.api.js';
import { indicatorWeb } from '../features/indicator/indicator.web.js';
import { indicatorManageWeb } from '../features/indicator/indicator-manage.web.js';
import { indicatorReviewWeb } from '../features/indicator/indicator-review.web.js';
import { indicatorReviewApi } from '../features/indicator/indicator-review.api.js';
import { methodsWeb } from '../features/methods/methods.web.js';
import { privacyApi } from '../features/privacy/privacy.api.js';
import { privacyWeb } from '../features/privacy/privacy.web.js';
/** Read-only public APIs on the hot path: no upload handling, no per-request upload hooks. */
const readOnlyPlugins = [
  homeWeb,
  wilayahApi,
  wilayahWeb,
  datastoreApi,
  datastoreWeb,
  ckanApi,
  catalogApi,
  catalogWeb,
  dcatWeb,
];

/** Everything else, including every route that accepts uploads. */
const featurePlugins = [
  notificationApi,
  notificationWeb,
  forumApi,
  forumWeb,
  monitoringApi,
  monitoringWeb,
  feedWeb,
  auditWeb,
  historyApi,
  planExportApi,
  planExportWeb,
  accountApi,
  accountWeb,
  authWeb,
  adminApi,
  adminWeb,
  organizationApi,
  organizationWeb,
  datasetApi,
  resourceApi,
  datasetWeb,
  resourceWeb,
  privacyApi,
  privacyWeb,
  planApi,
  commitmentApi,
  amendmentApi,
  ideaApi,
  planWeb,
  commitmentWeb,
  amendmentWeb,
  ideaWeb,
  indicatorApi,
  indicatorWeb,
  indicatorManageWeb,
  indicatorReviewWeb,
  indicatorReviewApi,
  methodsWeb,
];

/**
 * Every feature's routes. Register a feature's `*.api.ts` and `*.web.ts` plugins in one of the
 * lists above. @fastify/multipart adds hooks to every request of the context it is registered in
 * (a 'close' listener, temp-file cleanup), so it lives in the scope of the features that take
 * uploads, not at the root.
 */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  for (const plugin of readOnlyPlugins) await app.register(plugin);
  const { maxUploadBytes } = app.deps.config;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxUploadBytes, files: 3, fields: 200, fieldSize: 1024 * 1024 },
    });
    for (const plugin of featurePlugins) await scope.register(plugin);
  });
}
