import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate } from '../../i18n/i18n.js';
import type { IdeaRow } from './idea.repository.js';
import { responseSection } from './idea.view.js';
import { planUrls } from '../plan/plan.urls.js';

/**
 * The anonymous sender's private page: the idea as sent, where moderation stands and the
 * response. It names no moderator, no channel details and nothing else about the sender.
 */
export function renderTrackingPage(
  ctx: RequestContext,
  o: { idea: IdeaRow; planTitle: string; link: string; fresh: boolean; responderOrganization: string | null },
): SafeHtml {
  const { t, locale } = ctx;
  const i = o.idea;
  const tone = i.moderation === 'approved' ? ' ok' : i.moderation === 'pending' ? ' warn' : '';
  const status = html`<span class="badge${tone}">${t(`idea.moderation.${i.moderation}`)}</span>`;
  return html`<h1>${t('idea.track.title')}</h1>
${o.fresh ? html`<p class="notice ok" role="status">${t('idea.sentForModeration')}</p>` : ''}
<div class="notice"><p>${t('idea.track.keep')}</p>
<p><label for="tracking-link">${t('idea.track.link')}</label><br>
<input id="tracking-link" type="url" readonly value="${o.link}" size="60"></p></div>
<h2>${i.title}</h2>
<dl class="meta">
  <dt>${t('idea.track.status')}</dt><dd>${status}</dd>
  <dt>${t('idea.field.planId')}</dt><dd>${o.planTitle}</dd>
  <dt>${t('idea.field.theme')}</dt><dd>${t(`idea.theme.${i.theme}`)}</dd>
  <dt>${t('idea.receivedOn')}</dt><dd>${formatDate(locale, i.received_on)}</dd>
</dl>
${i.body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
${i.moderation === 'approved' ? html`<p><a href="${planUrls.idea(i.id)}">${t('idea.track.publicPage')}</a></p>` : ''}
${responseSection(ctx, i, o.responderOrganization)}`;
}
