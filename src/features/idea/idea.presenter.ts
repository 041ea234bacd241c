import type { z } from 'zod';
import type { IdeaRow } from './idea.repository.js';
import type { ideaJson, ideaTrackingJson } from './idea.schema.js';
import type { Translate } from '../../i18n/i18n.js';
import { planUrls } from '../plan/plan.urls.js';
import { parseTranslations } from '../../i18n/content-language.js';

/** The private page an anonymous sender follows their idea on. */
export const ideaTrackingPath = (token: string) => `/ide/lacak/${encodeURIComponent(token)}`;

/** Where an idea came from, without personal data: the named source, or the channel. */
export function ideaSource(t: Translate, i: Pick<IdeaRow, 'channel' | 'source_label'>): string {
  if (i.channel === 'offline') return i.source_label;
  return t(`idea.channel.${i.channel}`);
}

export function presentIdea(
  t: Translate,
  i: IdeaRow,
  commitments: Array<{ ogp_id: string; title: string }> = [],
  organizations: ReadonlyMap<string, string> = new Map(),
): z.infer<typeof ideaJson> {
  const orgId = i.responder_organization_id;
  return {
    id: i.id,
    planId: i.plan_id,
    title: i.title,
    body: i.body,
    theme: i.theme,
    wilayahKode: i.wilayah_kode,
    channel: i.channel,
    source: ideaSource(t, i),
    receivedOn: i.received_on,
    moderation: i.moderation,
    response:
      i.response_kind && i.responded_at
        ? {
            kind: i.response_kind,
            reason: i.response_reason ?? '',
            translations: parseTranslations(i.response_translations),
            responder: {
              name: i.responder_name ?? '',
              title: i.responder_title ?? '',
              organization: orgId && organizations.has(orgId) ? { id: orgId, name: organizations.get(orgId)! } : null,
              fromAccount: i.responder_from_account === 1,
            },
            respondedAt: i.responded_at,
            commitments: commitments.map((c) => ({
              ogpId: c.ogp_id,
              title: c.title,
              url: planUrls.commitment(c.ogp_id),
            })),
          }
        : null,
    url: planUrls.idea(i.id),
  };
}

/** What the anonymous submitter's tracking link shows (no moderator, no channel details, no ids). */
export function presentTrackedIdea(
  t: Translate,
  i: IdeaRow,
  planTitle: string,
  commitments: Array<{ ogp_id: string; title: string }>,
  organizations: ReadonlyMap<string, string>,
): z.infer<typeof ideaTrackingJson> {
  const full = presentIdea(t, i, commitments, organizations);
  return {
    title: full.title,
    body: full.body,
    theme: full.theme,
    receivedOn: full.receivedOn,
    moderation: full.moderation,
    response: full.response,
    planTitle,
    publicUrl: i.moderation === 'approved' ? full.url : null,
  };
}
