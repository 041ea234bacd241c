import type { Db } from '../../storage/database.js';
import { createPlan } from './plan.service.js';
import type { PlanRow } from './plan.repository.js';

export const EXAMPLE_PLAN_TITLE = '[Contoh] Rencana aksi contoh Kota Madiun 2025–2028';
const ACTOR_LABEL = 'system:seed-demo';

/** The example plan, if `seed --demo` made it. */
export const findExamplePlan = (db: Db) =>
  db
    .selectFrom('plans')
    .selectAll()
    .where('title', '=', EXAMPLE_PLAN_TITLE)
    .where('is_example', '=', 1)
    .executeTakeFirst();

/**
 * The plan that holds every example commitment (is_example, numbered in the example series), so
 * that demo content never enters, renumbers or changes the progress of a real plan. Idempotent.
 */
export async function ensureExamplePlan(db: Db): Promise<PlanRow> {
  const found = await findExamplePlan(db);
  if (found) return found;
  const leads = await db
    .selectFrom('organizations')
    .select('id')
    .where('slug', 'in', ['bapelitbangda', 'disbudparpora', 'dlh'])
    .execute();
  return createPlan(
    db,
    null,
    {
      title: EXAMPLE_PLAN_TITLE,
      periodStart: '2025-07-16',
      periodEnd: '2028-10-31',
      termEndDate: '2028-10-31',
      cocreationStart: '2025-04-30',
      cocreationEnd: '2025-07-16',
      submittedOn: '2025-07-16',
      leadOrganizationIds: leads.map((o) => o.id),
      foreword:
        'Contoh: rencana aksi contoh untuk mencoba portal. Isinya bukan komitmen Kota Madiun yang sesungguhnya.',
      strategicVision: '',
      engagement: 'Contoh: forum contoh (lihat /forum/contoh).',
      endorsedOn: null,
      endorsementNote: '',
      translations: {
        en: {
          foreword:
            "Example: a sample action plan for trying the portal. It holds none of Kota Madiun's real commitments.",
        },
      },
    },
    { status: 'implementation', isExample: true, actorLabel: ACTOR_LABEL },
  );
}
