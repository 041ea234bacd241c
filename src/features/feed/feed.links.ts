import { html, type SafeHtml } from '../../views/html.js';
import type { Translate } from '../../i18n/i18n.js';
import { feedLinkTag } from './atom.js';

const e = encodeURIComponent;
export const planFeedUrl = (planId: string) => `/rencana-aksi/${e(planId)}/feed.atom`;
export const commitmentFeedUrl = (ogpId: string) => `/komitmen/${e(ogpId)}/feed.atom`;

/**
 * The <link rel="alternate" type="application/atom+xml"> tags for a plan or commitment page's
 * <head> (pass as `head` to sendPage).
 */
export function feedLinkTags(t: Translate, target: { planId?: string; ogpId?: string }): SafeHtml {
  const planLink = target.planId ? feedLinkTag(planFeedUrl(target.planId), t('history.feedLink')) : '';
  const commitmentLink = target.ogpId ? feedLinkTag(commitmentFeedUrl(target.ogpId), t('history.feedLink')) : '';
  return html`${planLink}${commitmentLink}`;
}

/** A visible link to the feed, for the page body. */
export function feedAnchor(t: Translate, href: string): SafeHtml {
  return html`<a href="${href}" type="application/atom+xml">${t('history.feedLink')}</a>`;
}
