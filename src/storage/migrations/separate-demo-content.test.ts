import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertCommitment } from '../../features/monitoring/fixtures.test-helper.js';
import { ogpMadiunSeed, MADIUN_PLAN_TITLE } from '../../features/plan/plan.seed.js';
import { recordAudit } from '../../features/audit/audit.service.js';
import { nextCommitmentNumber } from '../../features/commitment/commitment.repository.js';
import { up } from './2026_12_03_1000_separate_demo_content.js';

/** An instance as an earlier `seed --demo` left it: demo commitments, a meeting and rules inside real records. */
describe.each(DIALECTS)('migration 1000: demo content out of real records (%s)', (dialect) => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await ogpMadiunSeed.run(t.db);
    planId = (await t.db.selectFrom('plans').select('id').where('title', '=', MADIUN_PLAN_TITLE).executeTakeFirst())!
      .id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const commitment = async (n: number, title: string, isExample: 0 | 1) => {
    const c = await insertCommitment(t.db, planId, { title });
    const ogpId = `IDMDN${String(n).padStart(4, '0')}`;
    await t.db
      .updateTable('commitments')
      .set({ number: n, ogp_id: ogpId, is_example: isExample })
      .where('id', '=', c.id)
      .execute();
    return c.id;
  };

  it('moves them to the example plan with example IDs, freeing the real numbers, and leaves real records', async () => {
    await commitment(1, 'Komitmen sungguhan satu', 0);
    await commitment(2, 'Komitmen sungguhan dua', 0);
    const flagged = await commitment(3, '[Contoh] Pendampingan kelurahan wisata', 1);
    const unflagged = await commitment(4, '[Contoh] Satu data kelurahan', 0);
    await recordAudit(
      t.db,
      { id: null, label: 'system:seed-demo' },
      { action: 'commitment.create', entityType: 'commitment', entityId: unflagged, after: {} },
    );
    // A real commitment a user happened to title "[Contoh] …" (no demo seed created it) stays.
    await commitment(5, '[Contoh] judul yang diketik pengguna', 0);
    const idea = await t.db.selectFrom('ideas').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    await t.db
      .insertInto('idea_commitments')
      .values({ idea_id: idea.id, commitment_id: flagged, created_at: new Date().toISOString() })
      .execute();
    const now = new Date().toISOString();
    const meeting = {
      title: '[Contoh] Lokakarya',
      meeting_date: '2025-06-10',
      location: '',
      agenda: '',
      attendance_government: null,
      attendance_civil_society: null,
      attendance_academia: null,
      attendance_private: null,
      attendance_citizen: null,
      minutes: '',
      decisions: '',
      created_at: now,
      updated_at: now,
    };
    await t.db
      .insertInto('forum_meetings')
      .values({ ...meeting, id: crypto.randomUUID(), plan_id: planId, is_example: 1 })
      .execute();
    const realMeeting = crypto.randomUUID();
    await t.db
      .insertInto('forum_meetings')
      .values({ ...meeting, title: 'Rapat sungguhan', id: realMeeting, plan_id: planId, is_example: 0 })
      .execute();
    await t.db
      .insertInto('forum_rules')
      .values({ id: 1, body: '[Contoh] Tata kerja forum', updated_at: now })
      .execute();

    await up(t.db);

    const real = await t.db
      .selectFrom('commitments')
      .select(['ogp_id', 'is_example'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute();
    expect(real.map((c) => c.ogp_id)).toEqual(['IDMDN0001', 'IDMDN0002', 'IDMDN0005']);
    const example = await t.db.selectFrom('plans').selectAll().where('is_example', '=', 1).executeTakeFirstOrThrow();
    expect(example.title).toBe('[Contoh] Rencana aksi contoh Kota Madiun 2025–2028');
    const moved = await t.db
      .selectFrom('commitments')
      .select(['id', 'ogp_id', 'is_example'])
      .where('plan_id', '=', example.id)
      .orderBy('number')
      .execute();
    expect(moved).toEqual([
      { id: flagged, ogp_id: 'IDMDN-CONTOH-01', is_example: 1 },
      { id: unflagged, ogp_id: 'IDMDN-CONTOH-02', is_example: 1 },
    ]);
    expect(await t.db.selectFrom('idea_commitments').selectAll().execute()).toEqual([]);
    const meetings = await t.db.selectFrom('forum_meetings').select(['id', 'plan_id', 'is_example']).execute();
    expect(meetings.find((m) => m.is_example === 1)!.plan_id).toBe(example.id);
    expect(meetings.find((m) => m.id === realMeeting)!.plan_id).toBe(planId);
    const rules = await t.db.selectFrom('forum_rules').select(['id']).execute();
    expect(rules.map((r) => r.id)).toEqual([2]);
    // The next real commitment number follows the real ones only.
    expect(await nextCommitmentNumber(t.db)).toBe(6);
  });
});
