import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField } from '../../views/layout.js';
import { urls } from '../../urls.js';

export const FOLLOW_PATH = '/ikuti';

/**
 * A follow/unfollow button for any followable entity (a POST form with CSRF, returning to this
 * page). Anonymous visitors get a link to log in and come back.
 */
export function renderFollowButton(
  ctx: RequestContext,
  entityType: string,
  entityId: string,
  following: boolean,
): SafeHtml {
  const { t } = ctx;
  const next = ctx.path;
  if (!ctx.user) return html`<p class="follow"><a href="${urls.login(next)}">${t('follow.loginToFollow')}</a></p>`;
  return html`<form method="post" action="${FOLLOW_PATH}" class="follow inline">${csrfField(ctx)}
<input type="hidden" name="entityType" value="${entityType}">
<input type="hidden" name="entityId" value="${entityId}">
<input type="hidden" name="action" value="${following ? 'unfollow' : 'follow'}">
<input type="hidden" name="next" value="${next}">
<button type="submit"${following ? html` class="secondary"` : ''}>${t(following ? 'follow.unfollow' : 'follow.follow')}</button>
${following ? html`<span class="muted">${t('follow.following')}</span>` : ''}
</form>`;
}
