import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/** As in features/plan/plan-demo.seed.ts (a migration keeps its own copy: it must not change when the app does). */
const EXAMPLE_PLAN_TITLE = '[Contoh] Rencana aksi contoh Kota Madiun 2025–2028';
const SEED_DEMO = 'system:seed-demo';
const EXAMPLE_RULES_ID = 2;

/**
 * Moves what earlier `seed --demo` runs put into real records out of them: demo commitments in a
 * real plan (flagged is_example, or titled "[Contoh] …" and created by the demo seed) go to the
 * example plan with IDs from the example series (IDMDN-CONTOH-01…), which frees the real numbers
 * they used up; real ideas lose their links to them; example meetings tied to a real plan move to
 * the example plan; demo rules written as the real forum's rules move to the example forum's row.
 * Real records are not touched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const realPlanIds = (await db.selectFrom('plans').select('id').where('is_example', '=', 0).execute()).map(
    (p) => p.id as string,
  );
  if (!realPlanIds.length) return;
  const seededByDemo = new Set(
    (
      await db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity_type', '=', 'commitment')
        .where('action', '=', 'commitment.create')
        .where('actor_label', '=', SEED_DEMO)
        .execute()
    ).map((r) => r.entity_id as string),
  );
  const demo = (
    await db
      .selectFrom('commitments')
      .select(['id', 'ogp_id', 'title', 'is_example'])
      .where('plan_id', 'in', realPlanIds)
      .orderBy('number')
      .execute()
  ).filter((c) => c.is_example === 1 || (String(c.title).startsWith('[Contoh]') && seededByDemo.has(c.id)));
  const strayMeetings = await db
    .selectFrom('forum_meetings')
    .select('id')
    .where('is_example', '=', 1)
    .where('plan_id', 'in', realPlanIds)
    .execute();
  if (demo.length || strayMeetings.length) {
    const examplePlanId = await examplePlan(db, realPlanIds[0]!);
    const last = await db
      .selectFrom('commitments')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('is_example', '=', 1)
      .where('plan_id', 'not in', realPlanIds)
      .executeTakeFirst();
    let n = Number(last?.n ?? 0);
    for (const c of demo) {
      n++;
      const code = String(c.ogp_id)
        .replace(/\d+$/, '')
        .replace(/-CONTOH-$/, '');
      await db
        .updateTable('commitments')
        .set({
          plan_id: examplePlanId,
          is_example: 1,
          number: n,
          ogp_id: `${code}-CONTOH-${String(n).padStart(2, '0')}`,
        })
        .where('id', '=', c.id)
        .execute();
      await db.deleteFrom('idea_commitments').where('commitment_id', '=', c.id).execute();
    }
    if (strayMeetings.length)
      await db
        .updateTable('forum_meetings')
        .set({ plan_id: examplePlanId })
        .where(
          'id',
          'in',
          strayMeetings.map((m) => m.id),
        )
        .execute();
  }
  const rules = await db.selectFrom('forum_rules').selectAll().where('id', '=', 1).executeTakeFirst();
  const exampleRules = await db
    .selectFrom('forum_rules')
    .select('id')
    .where('id', '=', EXAMPLE_RULES_ID)
    .executeTakeFirst();
  if (rules && String(rules.body).startsWith('[Contoh]') && !exampleRules)
    await db.updateTable('forum_rules').set({ id: EXAMPLE_RULES_ID }).where('id', '=', 1).execute();
}

/** The example plan, made (from the first real plan's dates) when it does not exist yet. */
async function examplePlan(db: Kysely<any>, templatePlanId: string): Promise<string> {
  const found = await db
    .selectFrom('plans')
    .select('id')
    .where('is_example', '=', 1)
    .where('title', '=', EXAMPLE_PLAN_TITLE)
    .executeTakeFirst();
  if (found) return found.id as string;
  const template = await db.selectFrom('plans').selectAll().where('id', '=', templatePlanId).executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('plan_number').as('n'))
    .where('is_example', '=', 1)
    .executeTakeFirst();
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('plans')
    .values({
      ...template,
      id,
      plan_number: Number(last?.n ?? 0) + 1,
      title: EXAMPLE_PLAN_TITLE,
      foreword: 'Contoh: rencana aksi contoh untuk mencoba portal. Isinya bukan komitmen yang sesungguhnya.',
      strategic_vision: '',
      engagement: '',
      endorsed_on: null,
      endorsement_note: '',
      is_example: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Deliberately changes nothing: putting the demo commitments back would bring back the fault
 * (example content counted in, and numbered in, a real plan), and the example plan holds only
 * example content, so keeping it after a rollback is harmless.
 */
export async function down(_db: Kysely<any>): Promise<void> {}
