import type { z } from 'zod';
import type { IdeaRow } from './idea.repository.js';
import type { ideaJson } from './idea.schema.js';
import type { Translate } from '../../i18n/i18n.js';
import { planUrls } from '../plan/plan.urls.js';

/** Where an idea came from, without personal data: the named source, or the channel. */
export function ideaSource(t: Translate, i: Pick<IdeaRow, 'channel' | 'source_label'>): string {
  if (i.channel === 'offline') return i.source_label;
  return t(`idea.channel.${i.channel}`);
}

export function presentIdea(
  t: Translate,
  i: IdeaRow,
  commitments: Array<{ ogp_id: string; title: string }> = [],
): z.infer<typeof ideaJson> {
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
            responder: { name: i.responder_name ?? '', title: i.responder_title ?? '' },
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
