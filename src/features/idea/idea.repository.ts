import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { IdeaTable, IdeaModeration } from './idea.table.js';
import { sha256 } from '../../ids.js';

export type IdeaRow = Selectable<IdeaTable>;

export const findIdea = (db: DbOrTrx, id: string) =>
  db.selectFrom('ideas').selectAll().where('id', '=', id).executeTakeFirst();

/** The idea an anonymous tracking link opens (only the token's hash is stored). */
export const findIdeaByTrackingToken = (db: DbOrTrx, token: string) =>
  db.selectFrom('ideas').selectAll().where('tracking_token_hash', '=', sha256(token)).executeTakeFirst();

/** Names of the organisations the responders answered for, by id. */
export async function responderOrganizations(db: DbOrTrx, ideas: IdeaRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(ideas.map((i) => i.responder_organization_id).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}

export function listIdeaRows(
  db: DbOrTrx,
  filter: { planId?: string; theme?: string; moderation: IdeaModeration; wilayahKode?: string },
) {
  let q = db.selectFrom('ideas').selectAll().where('moderation', '=', filter.moderation);
  if (filter.planId) q = q.where('plan_id', '=', filter.planId);
  if (filter.theme) q = q.where('theme', '=', filter.theme);
  if (filter.wilayahKode) q = q.where('wilayah_kode', '=', filter.wilayahKode);
  return q.orderBy('received_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** Commitments each idea is linked to. */
export async function commitmentsOfIdeas(db: DbOrTrx, ideaIds: string[]) {
  if (!ideaIds.length) return new Map<string, Array<{ ogp_id: string; title: string }>>();
  const rows = await db
    .selectFrom('idea_commitments')
    .innerJoin('commitments', 'commitments.id', 'idea_commitments.commitment_id')
    .select(['idea_commitments.idea_id', 'commitments.ogp_id', 'commitments.title'])
    .where('idea_commitments.idea_id', 'in', ideaIds)
    .orderBy('commitments.number')
    .execute();
  const map = new Map<string, Array<{ ogp_id: string; title: string }>>();
  for (const r of rows) map.set(r.idea_id, [...(map.get(r.idea_id) ?? []), { ogp_id: r.ogp_id, title: r.title }]);
  return map;
}

/** A plan's approved ideas for a choice list (which ideas a commitment came from), oldest first. */
export const listIdeaChoices = (db: DbOrTrx, planId: string) =>
  db
    .selectFrom('ideas')
    .select(['id', 'title'])
    .where('plan_id', '=', planId)
    .where('moderation', '=', 'approved')
    .orderBy('received_on')
    .execute();

/** How many of a plan's ideas are public (approved). */
export async function countApprovedIdeas(db: DbOrTrx, planId: string): Promise<number> {
  const row = await db
    .selectFrom('ideas')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .where('moderation', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
