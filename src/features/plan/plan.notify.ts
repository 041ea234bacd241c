import { parseTranslations } from '../../i18n/content-language.js';
import type { CurrentUser } from '../../actor/actor.js';
import { notifyFollowers } from '../notification/notification.service.js';
import type { ActionDeps } from '../commitment/commitment.service.js';
import type { PlanRow } from './plan.repository.js';
import { planUrls } from './plan.urls.js';

/** Tells the plan's followers (not the person who moved it) that the plan reached a new stage. */
export async function notifyPlanTransition(deps: ActionDeps, user: CurrentUser | null, plan: PlanRow): Promise<number> {
  const params = {
    title: { id: plan.title, en: parseTranslations(plan.translations).en?.title },
    status: { key: `plan.status.${plan.status}` },
  };
  return notifyFollowers(deps.db, deps.mailer, {
    entityType: 'plan',
    entityId: plan.id,
    title: { key: 'plan.notice.transition', params },
    body: { key: 'plan.notice.transitionBody', params },
    url: planUrls.plan(plan.id),
    baseUrl: deps.config.baseUrl,
    excludeUserId: user?.id ?? null,
  });
}
