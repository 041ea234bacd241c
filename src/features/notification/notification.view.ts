import type { RequestContext } from '../../views/page-context.js';
import type { EmailSettings } from './notification.service.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import type { listFollows, listNotifications } from './notification.service.js';
import { FOLLOW_PATH } from './follow.view.js';
import { notificationText } from './notification-message.js';

type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];
type FollowRow = Awaited<ReturnType<typeof listFollows>>[number];

export const NOTIFICATIONS_PATH = '/notifikasi';

/** A one-button form posting to the mark-as-read endpoint; `fields` are extra hidden inputs. */
function markReadForm(ctx: RequestContext, fields: SafeHtml | '', label: SafeHtml | string): SafeHtml {
  const button = html`<button type="submit" class="secondary">${label}</button>`;
  return html`<form method="post" action="${NOTIFICATIONS_PATH}/baca" class="inline">${csrfField(ctx)}${fields}${button}</form>`;
}

function markOneReadForm(ctx: RequestContext, n: NotificationRow, title: string): SafeHtml {
  const id = html`<input type="hidden" name="id" value="${n.id}">`;
  return markReadForm(ctx, id, html`${ctx.t('notification.markRead')}<span class="sr-only">: ${title}</span>`);
}

function unfollowForm(ctx: RequestContext, f: FollowRow): SafeHtml {
  const entity = html`<input type="hidden" name="entityType" value="${f.entity_type}"><input type="hidden" name="entityId" value="${f.entity_id}">`;
  const action = html`<input type="hidden" name="action" value="unfollow"><input type="hidden" name="next" value="${NOTIFICATIONS_PATH}">`;
  // The target's name in the button keeps each "Stop following" distinct for screen readers.
  const which = f.target ? html`<span class="sr-only">: ${f.target.label}</span>` : '';
  const button = html`<button type="submit" class="secondary">${ctx.t('follow.unfollow')}${which}</button>`;
  return html`<form method="post" action="${FOLLOW_PATH}" class="inline">${csrfField(ctx)}${entity}${action}${button}</form>`;
}

export function renderNotifications(
  ctx: RequestContext,
  rows: NotificationRow[],
  unread: number,
  mail: EmailSettings,
  follows: FollowRow[],
): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('notification.title')}</h1>
<p class="lead">${t('notification.unreadCount', { n: unread })}</p>
${unread ? markReadForm(ctx, '', t('notification.markAllRead')) : ''}
${
  rows.length
    ? html`<ul class="plain stack">${rows.map((n) => {
        const text = notificationText(t, locale, n);
        return html`<li>
  <p>${n.read_at ? '' : html`<span class="badge warn">${t('notification.new')}</span> `}<a href="${n.url}"><strong>${text.title}</strong></a></p>
  <p>${text.body}</p>
  <p class="muted"><time datetime="${n.created_at}">${formatDate(locale, n.created_at, true)}</time></p>
  ${n.read_at ? '' : markOneReadForm(ctx, n, text.title)}
</li>`;
      })}</ul>`
    : html`<p>${t('notification.none')}</p>`
}
<h2 id="pengaturan">${t('notification.settings')}</h2>
<form method="post" action="${NOTIFICATIONS_PATH}/pengaturan">${csrfField(ctx)}
<div class="field"><input type="checkbox" id="emailEnabled" name="emailEnabled" value="1"${mail.emailEnabled ? html` checked` : ''}>
<label for="emailEnabled">${t('notification.emailEnabled')}</label></div>
<div class="field"><input type="checkbox" id="emailDigest" name="emailDigest" value="1"${mail.emailDigest ? html` checked` : ''}>
<label for="emailDigest">${t('notification.emailDigest')}</label></div>
<button type="submit">${t('common.save')}</button></form>
<h2>${t('notification.follows')}</h2>
${
  follows.length
    ? html`<ul>${follows.map(
        (f) => html`<li>${t(`follow.type.${f.entity_type}`)}: ${
          f.target
            ? html`<a href="${f.target.url}">${f.target.label || t(`follow.type.${f.entity_type}`)}</a>`
            : html`<span class="muted">${t('notification.followGone')}</span>`
        }
  ${unfollowForm(ctx, f)}</li>`,
      )}</ul>`
    : html`<p>${t('notification.noFollows')}</p>`
}`;
}
