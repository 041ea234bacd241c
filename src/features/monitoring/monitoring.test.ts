import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { newId } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { checks, form, insertCommitment, insertMilestone, insertPlan } from './fixtures.test-helper.js';
import type { CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { findPlan } from '../plan/plan.repository.js';
import { saveInception } from './inception.service.js';
import { saveEndAssessment } from './end-assessment.service.js';
import { getCommitment } from '../commitment/commitment.service.js';
import { createSelfAssessment } from './self-assessment.service.js';
import { monitoringSchedule } from './schedule.service.js';

describe.each(DIALECTS)('monitoring (%s)', (dialect) => {
  let t: TestApp;
  let monitor: TestUser, admin: TestUser, warga: TestUser, produsen: TestUser, _lead: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    monitor = await createTestUser(t.db, [['monitor', 'akademisi']]);
    admin = await createTestUser(t.db, ['admin']);
    warga = await createTestUser(t.db, ['warga']);
    produsen = await createTestUser(t.db, [['produsen', 'dlh']]);
    _lead = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const schedule = async (asOf: string, user = monitor) =>
    (await t.app.inject({ url: `/api/v1/monitoring/schedule?asOf=${asOf}`, headers: { cookie: user.cookie } })).json();

  it('computes the inception due date (submission + 2 months) and marks it overdue after, done once published', async () => {
    const planId = await insertPlan(t.db, { title: 'Rencana uji awal', submittedOn: '2025-07-16' });
    const before = (await schedule('2025-09-01')).data.find(
      (i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'inception',
    );
    expect(before).toMatchObject({ basisDate: '2025-07-16', dueDate: '2025-09-16', status: 'upcoming', daysLeft: 15 });
    const late = await schedule('2025-09-20');
    expect(
      late.data.find((i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'inception'),
    ).toMatchObject({ status: 'overdue', daysLeft: -4 });
    expect(late.meta.overdue).toBeGreaterThan(0);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/inception-assessment`,
      headers: monitor.headers,
      payload: { ...checks(), publish: true, confirmContradiction: true },
    });
    expect(put.statusCode).toBe(200);
    expect(
      (await schedule('2025-09-20')).data.find(
        (i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'inception',
      ).status,
    ).toBe('done');
    const page = await t.app.inject({
      url: '/monitoring/jadwal?asOf=2025-09-20',
      headers: { cookie: monitor.cookie, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Rencana uji awal</a></td>\n<th scope="row">Penilaian awal');
  });

  it('flags "public page not updated for 4 months" from the latest version or audit entry', async () => {
    const planId = await insertPlan(t.db, { title: 'Rencana uji halaman', submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId);
    await t.db
      .insertInto('entity_versions')
      .values({
        id: newId(),
        entity_type: 'commitment',
        entity_id: c.id,
        version: 1,
        snapshot_json: '{}',
        actor_id: null,
        actor_label: 'uji',
        created_at: '2025-08-01T03:00:00.000Z',
      })
      .execute();
    const item = async (asOf: string) =>
      (await schedule(asOf)).data.find(
        (i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'page_update',
      );
    expect(await item('2025-11-20')).toMatchObject({
      basisDate: '2025-08-01',
      dueDate: '2025-12-01',
      status: 'upcoming',
    });
    expect(await item('2025-12-15')).toMatchObject({ dueDate: '2025-12-01', status: 'overdue', daysLeft: -14 });
    const html = await t.app.inject({
      url: '/monitoring/jadwal?asOf=2025-12-15',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(html.body).toContain('Pembaruan halaman OGP publik');
    expect(html.body).toContain('Terlambat 14 hari');
    await t.db
      .insertInto('entity_versions')
      .values({
        id: newId(),
        entity_type: 'commitment',
        entity_id: c.id,
        version: 2,
        snapshot_json: '{}',
        actor_id: null,
        actor_label: 'uji',
        created_at: '2025-11-30T10:00:00.000Z',
      })
      .execute();
    expect(await item('2025-12-15')).toMatchObject({
      basisDate: '2025-11-30',
      dueDate: '2026-03-30',
      status: 'upcoming',
    });
    await recordAudit(
      t.db,
      { id: null, label: 'uji' },
      { action: 'milestone.update', entityType: 'milestone', entityId: c.id, after: {} },
    );
    const json = (await t.app.inject({ url: `/api/v1/plans/${planId}/monitoring` })).json();
    expect(json.data.lastPublicUpdate.slice(0, 4)).toBe(String(new Date().getUTCFullYear()));
  });

  it('computes end-of-commitment due dates (completion + 1 month) from milestones or the planned end', async () => {
    const planId = await insertPlan(t.db, { title: 'Rencana uji akhir', submittedOn: '2025-07-16' });
    const finished = await insertCommitment(t.db, planId, { title: 'Selesai' });
    await insertMilestone(t.db, finished.id, { status: 'complete', completedOn: '2026-03-10' });
    const lapsed = await insertCommitment(t.db, planId, { title: 'Lewat', endMonth: '2026-01' });
    await insertMilestone(t.db, lapsed.id, { status: 'in_progress' });
    const ongoing = await insertCommitment(t.db, planId, { title: 'Berjalan' });
    await insertMilestone(t.db, ongoing.id);
    const items = (await schedule('2026-04-11')).data.filter(
      (i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'end_of_commitment',
    );
    expect(items).toHaveLength(2);
    expect(items.find((i: { ogpId: string }) => i.ogpId === finished.ogpId)).toMatchObject({
      basisDate: '2026-03-10',
      dueDate: '2026-04-10',
      status: 'overdue',
      daysLeft: -1,
    });
    expect(items.find((i: { ogpId: string }) => i.ogpId === lapsed.ogpId)).toMatchObject({
      basisDate: '2026-01-31',
      dueDate: '2026-02-28',
      status: 'overdue',
    });
  });

  it('lets only the monitoring body (or an admin) submit assessments: warga and produsen get 403', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId);
    const body = { ...checks(), publish: false, confirmContradiction: true };
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/v1/plans/${planId}/inception-assessment`, payload: body }))
        .statusCode,
    ).toBe(401);
    for (const user of [warga, produsen]) {
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/plans/${planId}/inception-assessment`,
            headers: user.headers,
            payload: body,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/commitments/${c.ogpId}/end-assessment`,
            headers: user.headers,
            payload: { completion: 'limited', ogAccessInfo: 'marginal', lessons: 'Pelajaran yang cukup panjang.' },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            url: `/monitoring/rencana/${planId}/awal`,
            headers: { cookie: user.cookie, accept: 'text/html' },
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await t.app.inject({ url: '/api/v1/monitoring/schedule', headers: { cookie: warga.cookie } })).statusCode,
    ).toBe(403);
    expect(
      await t.db.selectFrom('inception_assessments').selectAll().where('plan_id', '=', planId).execute(),
    ).toHaveLength(0);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/plans/${planId}/inception-assessment`,
          headers: admin.headers,
          payload: body,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('assesses each commitment on the IRM scales; technology alone is refused; unsubmitted plans cannot be assessed', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, { title: 'Satu data kelurahan' });
    const techOnly = {
      ...checks(),
      commitments: [{ commitmentId: c.id, verifiable: true, lenses: { technology: true }, potential: 'modest' }],
    };
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/inception-assessment`,
      headers: monitor.headers,
      payload: techOnly,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toContain('technology');
    const good = {
      ...checks(),
      publish: true,
      confirmContradiction: true,
      commitments: [
        {
          commitmentId: c.id,
          verifiable: true,
          lenses: { accessInfo: true, technology: true },
          potential: 'substantial',
          note: 'Terukur.',
        },
      ],
    };
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/inception-assessment`,
      headers: monitor.headers,
      payload: good,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.commitments[0]).toMatchObject({
      ogpId: c.ogpId,
      verifiable: true,
      potential: 'substantial',
      lenses: { accessInfo: true, technology: true, civicParticipation: false },
    });
    const page = await t.app.inject({ url: `/rencana-aksi/${planId}/pemantauan`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Forum ada dan multipihak');
    expect(page.body).toContain('Transparansi (akses informasi), Teknologi &amp; inovasi');
    expect(page.body).toContain('Substansial');
    const draftPlan = await insertPlan(t.db, { status: 'co-creation', submittedOn: null });
    const notYet = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${draftPlan}/inception-assessment`,
      headers: monitor.headers,
      payload: checks(),
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.code).toBe('PLAN_NOT_SUBMITTED');
  });

  it("offers the platform's own evidence in the HTML form and re-renders it with a linked error summary (422)", async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16', endorsedOn: '2025-07-20' });
    const c = await insertCommitment(t.db, planId);
    const get = await t.app.inject({
      url: `/monitoring/rencana/${planId}/awal`,
      headers: { cookie: monitor.cookie, accept: 'text/html' },
    });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('Menurut catatan di platform');
    expect(get.body).toContain('Dukungan nonpemerintah tercatat 2025-07-20; rencana diserahkan 2025-07-16.');
    const fields: Record<string, string> = {
      'forumExists.met': 'yes',
      'forumExists.note': 'pendek',
      'commitments.0.commitmentId': c.id,
      'commitments.0.verifiable': 'yes',
      'commitments.0.potential': 'modest',
      'commitments.0.lenses.technology': '1',
    };
    const post = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/awal`,
      ...form(monitor, fields),
    });
    expect(post.statusCode).toBe(422);
    expect(post.body).toContain('href="#forumExists.note"');
    expect(post.body).toContain('href="#csoMeeting.met"');
    expect(post.body).toContain('Teknologi &amp; inovasi hanya dihitung bersama');
    const ok: Record<string, string> = {
      ...fields,
      'forumExists.note': 'Daftar anggota forum diperiksa.',
      'commitments.0.lenses.civicParticipation': '1',
      publish: '1',
      confirmContradiction: '1',
    };
    for (const k of ['csoMeeting', 'infoShared', 'pageUpdated', 'endorsement']) {
      ok[`${k}.met`] = 'no';
      ok[`${k}.note`] = 'Tidak ditemukan bukti di platform.';
    }
    const saved = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/awal`,
      ...form(monitor, ok),
    });
    expect(saved.statusCode).toBe(303);
    const json = (await t.app.inject({ url: `/api/v1/plans/${planId}/monitoring` })).json().data;
    expect(json.inception.checks.endorsement).toEqual({
      met: false,
      note: 'Tidak ditemukan bukti di platform.',
      confirmedAgainstPlatform: false,
    });
    expect(json.inception.commitments[0].lenses).toMatchObject({ civicParticipation: true, technology: true });
  });

  it('suggests the forum checks from forum data: CSO meetings in the co-creation window, documents shared in advance', async () => {
    const planId = await insertPlan(t.db, {
      submittedOn: '2025-07-16',
      cocreationStart: '2025-04-30',
      cocreationEnd: '2025-07-15',
    });
    const meeting = async (title: string, meetingDate: string, cso: number) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/forum/meetings',
          headers: admin.headers,
          payload: { title, meetingDate, planId, attendanceCivilSociety: cso },
        })
      ).json().data.id as string;
    const inWindow = await meeting('Lokakarya ko-kreasi', '2025-05-20', 4);
    await meeting('Rapat tanpa OMS', '2025-06-01', 0);
    await meeting('Rapat pelaksanaan', '2025-10-01', 6);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/meetings/${inWindow}/documents`,
      headers: admin.headers,
      payload: { title: 'Notulen', url: 'https://example.org/notulen.pdf' },
    });
    const page = await t.app.inject({
      url: `/monitoring/rencana/${planId}/awal`,
      headers: { cookie: monitor.cookie, accept: 'text/html' },
    });
    expect(page.body).toContain('1 pertemuan ko-kreasi dihadiri masyarakat sipil: Lokakarya ko-kreasi (2025-05-20).');
    expect(page.body).toContain(
      '0 dari 2 pertemuan ko-kreasi yang sudah berlangsung memiliki dokumen yang terbit paling lambat sehari sebelumnya.',
    );
  });

  it('refuses a warga who calls the monitoring services directly, without any route (403; 401 for nobody)', async () => {
    const planId = await insertPlan(t.db, { title: 'Rencana uji layanan' });
    const c = await insertCommitment(t.db, planId);
    const plan = (await findPlan(t.db, planId))!;
    const commitment = await getCommitment(t.db, c.ogpId);
    const asWarga: CurrentUser = {
      id: warga.id,
      email: warga.email,
      name: 'Warga',
      roles: [{ role: 'warga', organizationId: null }],
    };
    const inception = { ...checks(), summary: '', publish: true, commitments: [] } as never;
    const end = {
      completion: 'limited',
      ogAccessInfo: 'marginal',
      lessons: 'Pelajaran yang cukup panjang.',
      publish: true,
    } as never;
    const report = {
      periodStart: '2025-07-16',
      periodEnd: '2026-01-15',
      title: 'Swa-penilaian',
      body: 'Isi laporan swa-penilaian yang cukup panjang.',
    };
    const refusal = (run: () => Promise<unknown>) =>
      run().then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.status : e),
      );
    for (const [user, status] of [
      [asWarga, 403],
      [null, 401],
    ] as const) {
      expect(await refusal(() => saveInception(t.db, user, plan, inception))).toBe(status);
      expect(
        await refusal(() => saveEndAssessment(t.db, t.app.deps.mailer, user, commitment, end, [], t.config.dataDir)),
      ).toBe(status);
      expect(await refusal(() => createSelfAssessment(t.db, user, plan, report))).toBe(status);
      expect(await refusal(() => monitoringSchedule(t.db, user, '2025-09-01'))).toBe(status);
    }
    expect(await t.db.selectFrom('inception_assessments').select('id').where('plan_id', '=', planId).execute()).toEqual(
      [],
    );
    expect(await t.db.selectFrom('self_assessments').select('id').where('plan_id', '=', planId).execute()).toEqual([]);
  });
});
