import { translator } from '../../i18n/i18n.js';
import type { CurrentUser } from '../../actor/actor.js';
import { notifyFollowers } from '../notification/notification.service.js';
import type { ActionDeps } from '../commitment/commitment.service.js';
import type { PlanRow } from './plan.repository.js';
import { planUrls } from './plan.urls.js';

/** Tells the plan's followers (not the person who moved it) that the plan reached a new stage. */
export async function notifyPlanTransition(deps: ActionDeps, user: CurrentUser | null, plan: PlanRow): Promise<number> {
  const t = translator(deps.config.defaultLocale);
  const status = t(`plan.status.${plan.status}`);
  return notifyFollowers(deps.db, deps.mailer, {
    entityType: 'plan',
    entityId: plan.id,
    title: t('plan.notice.transition', { title: plan.title, status }),
    body: t('plan.notice.transitionBody', { title: plan.title, status }),
    url: planUrls.plan(plan.id),
    baseUrl: deps.config.baseUrl,
    excludeUserId: user?.id ?? null,
  });
}
