import type { Db, DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf, organizationsFor } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, newSecret, nowIso, sha256 } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyUser } from '../notification/notification.service.js';
import { translator, type Locale } from '../../i18n/i18n.js';
import { parseTranslations, storeTranslations } from '../../i18n/content-language.js';
import type { Mailer } from '../mail/mail.service.js';
import { findUserById } from '../account/account.repository.js';
import { ideaTrackingPath } from './idea.presenter.js';
import { canManagePlan, requirePlanManager } from '../plan/plan.access.js';
import { getPlan } from '../plan/plan.service.js';
import { leadIdsOf, type PlanRow } from '../plan/plan.repository.js';
import { planUrls } from '../plan/plan.urls.js';
import type { ActionDeps } from '../commitment/commitment.service.js';
import { findIdea, findIdeaByTrackingToken, type IdeaRow } from './idea.repository.js';
import type { IdeaInput, ResponseInput } from './idea.schema.js';
import type { IdeaModeration } from './idea.table.js';
import { knownKelurahanCodes } from '../wilayah/wilayah.repository.js';

/** Plans that take ideas from citizens: during co-creation, and during implementation (ongoing dialogue). */
export const OPEN_FOR_IDEAS = ['co-creation', 'implementation'] as const;

/** Whether the public may send ideas to this plan: never to an example plan, where a real idea would be lost. */
export const acceptsIdeas = (plan: Pick<PlanRow, 'status' | 'is_example'>): boolean =>
  !plan.is_example && (OPEN_FOR_IDEAS as readonly string[]).includes(plan.status);

export async function getIdea(db: DbOrTrx, id: string): Promise<IdeaRow> {
  const row = await findIdea(db, id);
  if (!row) throw new AppError('IDEA_NOT_FOUND', 404, { id });
  return row;
}

/** The idea behind an anonymous tracking link; an unknown token is simply not found. */
export async function getTrackedIdea(db: DbOrTrx, token: string): Promise<IdeaRow> {
  const row = await findIdeaByTrackingToken(db, token);
  if (!row) throw new AppError('IDEA_NOT_FOUND', 404);
  return row;
}

/** Pending and rejected ideas are only visible to the plan's managers. */
export async function getVisibleIdea(db: DbOrTrx, user: CurrentUser | null, id: string): Promise<IdeaRow> {
  const idea = await getIdea(db, id);
  if (idea.moderation !== 'approved' && !canManagePlan(user, leadIdsOf(await getPlan(db, idea.plan_id))))
    throw new AppError('IDEA_NOT_FOUND', 404, { id });
  return idea;
}

/** How the tracking link of an anonymous idea is mailed, when its sender gave an address. */
export interface TrackingMail {
  mailer: Mailer;
  baseUrl: string;
  /** The sender's language (the request's). */
  locale: Locale;
}

/** The stored idea and, for an anonymous one, the tracking token: returned once, only its hash is kept. */
export type SubmittedIdea = IdeaRow & { trackingToken: string | null };

/**
 * An idea arrives: from a registered citizen (published at once), anonymously (into the
 * moderation queue), or recorded by staff from Musrenbang or a workshop with its source named.
 */
export async function submitIdea(
  db: Db,
  user: CurrentUser | null,
  input: IdeaInput,
  options: { actorLabel?: string; mail?: TrackingMail } = {},
): Promise<SubmittedIdea> {
  const plan = await getPlan(db, input.planId);
  const offline = input.sourceLabel !== undefined || input.receivedOn !== undefined;
  if (offline && !options.actorLabel) requirePlanManager(user, leadIdsOf(plan));
  if (offline && !input.sourceLabel) throw invalid([{ field: 'sourceLabel', message: 'validation.required' }]);
  if (!offline && !acceptsIdeas(plan)) throw new AppError('IDEAS_CLOSED', 409, { status: plan.status });
  if (input.wilayahKode) {
    if (!(await knownKelurahanCodes(db, [input.wilayahKode])).size)
      throw invalid([{ field: 'wilayahKode', message: 'commitment.rule.unknownKelurahan' }]);
  }
  const now = nowIso();
  const channel = offline ? 'offline' : user ? 'online' : 'anonymous';
  // An anonymous sender has no account to come back to: an unguessable link is their way back.
  const trackingToken = channel === 'anonymous' ? newSecret() : null;
  const row: IdeaRow = {
    id: newId(),
    plan_id: plan.id,
    title: input.title.trim(),
    body: input.body.trim(),
    theme: input.theme,
    wilayah_kode: input.wilayahKode ?? null,
    channel,
    source_label: offline ? input.sourceLabel!.trim() : '',
    author_user_id: channel === 'online' ? user!.id : null,
    recorded_by: offline ? (user?.id ?? null) : null,
    moderation: channel === 'anonymous' ? 'pending' : 'approved',
    moderated_by: null,
    moderated_at: null,
    received_on: input.receivedOn ?? now.slice(0, 10),
    response_kind: null,
    response_reason: null,
    responder_name: null,
    responder_title: null,
    responder_organization_id: null,
    responder_from_account: 0,
    response_translations: '{}',
    tracking_token_hash: trackingToken ? sha256(trackingToken) : null,
    responded_by: null,
    responded_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('ideas').values(row).execute();
    const actor = options.actorLabel ? { id: null, label: options.actorLabel } : actorOf(user, 'anonymous');
    await recordAudit(trx, actor, {
      action: 'idea.submit',
      entityType: 'idea',
      entityId: row.id,
      after: { title: row.title, channel, theme: row.theme, source: row.source_label, moderation: row.moderation },
    });
  });
  if (trackingToken && input.email && options.mail)
    await mailTrackingLink(options.mail, input.email, row, trackingToken);
  return { ...row, trackingToken };
}

/** The link goes to the address once; the address itself is not stored anywhere but the outbox. */
async function mailTrackingLink(mail: TrackingMail, to: string, idea: IdeaRow, token: string): Promise<void> {
  const t = translator(mail.locale);
  const link = mail.baseUrl.replace(/\/$/, '') + ideaTrackingPath(token);
  await mail.mailer.send({
    to,
    subject: t('idea.track.mailSubject', { title: idea.title }),
    text: `${t('idea.track.mailBody', { title: idea.title })}\n\n${link}\n\n-- \n${t('idea.track.mailFooter')}`,
  });
}

export async function moderateIdea(
  db: Db,
  user: CurrentUser | null,
  id: string,
  decision: 'approve' | 'reject',
): Promise<IdeaRow> {
  const idea = await getIdea(db, id);
  const u = requirePlanManager(user, leadIdsOf(await getPlan(db, idea.plan_id)));
  const moderation: IdeaModeration = decision === 'approve' ? 'approved' : 'rejected';
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('ideas')
      .set({ moderation, moderated_by: u.id, moderated_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: `idea.${decision}`,
      entityType: 'idea',
      entityId: id,
      before: { moderation: idea.moderation },
      after: { moderation },
    });
  });
  return { ...idea, moderation, moderated_by: u.id, moderated_at: now, updated_at: now };
}

/**
 * The organisation an official answers for: the plan's lead organisation they manage it for, or
 * (an admin) the organisation of their first grant that names one.
 */
export function responderOrganizationOf(user: CurrentUser, leadIds: string[]): string | null {
  const mine = organizationsFor(user, ['produsen']);
  return mine.find((id) => leadIds.includes(id)) ?? user.roles.find((r) => r.organizationId)?.organizationId ?? null;
}

/** The reasoned response by a named official; links the idea to commitments; tells the author. */
export async function respondToIdea(
  deps: ActionDeps,
  user: CurrentUser | null,
  id: string,
  input: ResponseInput,
): Promise<IdeaRow> {
  const { db } = deps;
  const idea = await getIdea(db, id);
  const leadIds = leadIdsOf(await getPlan(db, idea.plan_id));
  const u = requirePlanManager(user, leadIds);
  if (idea.moderation !== 'approved') throw new AppError('IDEA_NOT_MODERATED', 409, { moderation: idea.moderation });
  const ogpIds = [...new Set(input.commitmentOgpIds)];
  if (input.kind === 'merged' && !ogpIds.length)
    throw invalid([{ field: 'commitmentOgpIds', message: 'idea.rule.mergedNeedsCommitment' }]);
  if (input.kind === 'not_adopted' && ogpIds.length)
    throw invalid([{ field: 'commitmentOgpIds', message: 'idea.rule.notAdoptedNoCommitment' }]);
  const commitments = ogpIds.length
    ? await db.selectFrom('commitments').select(['id', 'ogp_id', 'plan_id']).where('ogp_id', 'in', ogpIds).execute()
    : [];
  if (commitments.length !== ogpIds.length || commitments.some((c) => c.plan_id !== idea.plan_id))
    throw invalid([{ field: 'commitmentOgpIds', message: 'idea.rule.unknownCommitment' }]);
  const now = nowIso();
  const organization = responderOrganizationOf(u, leadIds);
  const position = input.responderTitle?.trim() || ((await findUserById(db, u.id))?.position ?? '');
  if (position.length < 2) throw invalid([{ field: 'responderTitle', message: 'idea.rule.positionNeeded' }]);
  const values = {
    response_kind: input.kind,
    response_reason: input.reason.trim(),
    response_translations: storeTranslations(input.translations),
    responder_name: u.name,
    responder_title: position,
    responder_organization_id: organization,
    responder_from_account: 1,
    responded_by: u.id,
    responded_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('ideas').set(values).where('id', '=', id).execute();
    await trx.deleteFrom('idea_commitments').where('idea_id', '=', id).execute();
    for (const c of commitments)
      await trx.insertInto('idea_commitments').values({ idea_id: id, commitment_id: c.id, created_at: now }).execute();
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'idea.respond',
      entityType: 'idea',
      entityId: id,
      before: { kind: idea.response_kind, reason: idea.response_reason },
      after: {
        kind: input.kind,
        reason: values.response_reason,
        responder: values.responder_name,
        responderTitle: values.responder_title,
        responderOrganizationId: organization,
        commitments: ogpIds,
      },
    });
  });
  if (idea.author_user_id) {
    const english = parseTranslations(values.response_translations).en?.reason;
    await notifyUser(db, deps.mailer, idea.author_user_id, {
      title: { key: 'idea.notice.responded', params: { title: idea.title } },
      body: {
        key: 'idea.notice.body',
        params: {
          kind: { key: `idea.kind.${input.kind}` },
          name: values.responder_name,
          reason: { id: values.response_reason, en: english },
        },
      },
      reason: { key: 'notification.reason.ideaAuthor' },
      url: planUrls.idea(id),
      baseUrl: deps.config.baseUrl,
    });
  }
  return { ...idea, ...values };
}
