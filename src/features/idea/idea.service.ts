import type { Db, DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyUser } from '../notification/notification.service.js';
import { translator } from '../../i18n/i18n.js';
import { canManagePlan, requirePlanManager } from '../plan/plan.access.js';
import { getPlan } from '../plan/plan.service.js';
import { leadIdsOf, type PlanRow } from '../plan/plan.repository.js';
import { planUrls } from '../plan/plan.urls.js';
import type { ActionDeps } from '../commitment/commitment.service.js';
import { findIdea, type IdeaRow } from './idea.repository.js';
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

/** Pending and rejected ideas are only visible to the plan's managers. */
export async function getVisibleIdea(db: DbOrTrx, user: CurrentUser | null, id: string): Promise<IdeaRow> {
  const idea = await getIdea(db, id);
  if (idea.moderation !== 'approved' && !canManagePlan(user, leadIdsOf(await getPlan(db, idea.plan_id))))
    throw new AppError('IDEA_NOT_FOUND', 404, { id });
  return idea;
}

/**
 * An idea arrives: from a registered citizen (published at once), anonymously (into the
 * moderation queue), or recorded by staff from Musrenbang or a workshop with its source named.
 */
export async function submitIdea(
  db: Db,
  user: CurrentUser | null,
  input: IdeaInput,
  options: { actorLabel?: string } = {},
): Promise<IdeaRow> {
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
  return row;
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

/** The reasoned response by a named official; links the idea to commitments; tells the author. */
export async function respondToIdea(
  deps: ActionDeps,
  user: CurrentUser | null,
  id: string,
  input: ResponseInput,
): Promise<IdeaRow> {
  const { db } = deps;
  const idea = await getIdea(db, id);
  const u = requirePlanManager(user, leadIdsOf(await getPlan(db, idea.plan_id)));
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
  const values = {
    response_kind: input.kind,
    response_reason: input.reason.trim(),
    responder_name: input.responderName.trim(),
    responder_title: input.responderTitle.trim(),
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
        commitments: ogpIds,
      },
    });
  });
  if (idea.author_user_id) {
    const author = await db
      .selectFrom('users')
      .select('locale')
      .where('id', '=', idea.author_user_id)
      .executeTakeFirst();
    const t = translator(author?.locale === 'en' ? 'en' : 'id');
    await notifyUser(db, deps.mailer, idea.author_user_id, {
      title: t('idea.notice.responded', { title: idea.title }),
      body: t('idea.notice.body', {
        kind: t(`idea.kind.${input.kind}`),
        name: values.responder_name,
        reason: values.response_reason,
      }),
      url: planUrls.idea(id),
      baseUrl: deps.config.baseUrl,
    });
  }
  return { ...idea, ...values };
}
