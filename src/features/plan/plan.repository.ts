import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { OgpProfileTable, PlanTable } from './plan.table.js';
import { planUrls } from './plan.urls.js';

export type PlanRow = Selectable<PlanTable>;
export type ProfileRow = Selectable<OgpProfileTable>;

export const findPlan = (db: DbOrTrx, id: string) =>
  db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
/** Real plans first (newest first), then example plans: a list's first plan is never an example. */
export const listPlanRows = (db: DbOrTrx) =>
  db
    .selectFrom('plans')
    .selectAll()
    .orderBy('is_example')
    .orderBy('period_start', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
export const findProfile = (db: DbOrTrx) =>
  db.selectFrom('ogp_profile').selectAll().where('id', '=', 1).executeTakeFirst();

/** Plans by id as "What I follow" shows them: the title, linking to the plan page. */
export async function planFollowTargets(db: DbOrTrx, ids: string[]) {
  const rows = ids.length ? await db.selectFrom('plans').select(['id', 'title']).where('id', 'in', ids).execute() : [];
  return new Map(rows.map((p) => [p.id, { label: p.title, url: planUrls.plan(p.id) }]));
}

export function leadIdsOf(plan: Pick<PlanRow, 'lead_organization_ids'>): string[] {
  try {
    const v = JSON.parse(plan.lead_organization_ids) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The next plan number in the real series, or in the example series (an example plan never uses up a number). */
export async function nextPlanNumber(db: DbOrTrx, options: { example?: boolean } = {}): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('plan_number').as('n'))
    .where('is_example', '=', options.example ? 1 : 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** Ideas in the co-creation window that are not yet moderated or have no reasoned response. */
export function listUnansweredIdeas(db: DbOrTrx, plan: PlanRow) {
  let q = db
    .selectFrom('ideas')
    .select(['id', 'title', 'moderation', 'received_on'])
    .where('plan_id', '=', plan.id)
    .where('moderation', '!=', 'rejected')
    .where((eb) => eb.or([eb('response_kind', 'is', null), eb('moderation', '=', 'pending')]));
  if (plan.cocreation_start) q = q.where('received_on', '>=', plan.cocreation_start);
  if (plan.cocreation_end) q = q.where('received_on', '<=', plan.cocreation_end);
  return q.orderBy('received_on').execute();
}
