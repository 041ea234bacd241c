import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, planBody } from '../plan/plan.fixtures.js';

describe.each(DIALECTS)('ideas, reasoned responses and the plan lifecycle (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let bappeda: TestUser;
  let warga: TestUser;
  let planId: string;
  let ogpId: string;
  let wargaIdea: string;
  let anonIdea: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    bappeda = await createTestUser(t.db, [['produsen', 'bapelitbangda']]);
    warga = await createTestUser(t.db, ['warga']);
    planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db, { cocreationStart: null, cocreationEnd: null }),
      })
    ).json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps plan creation and staff endpoints away from warga, with nothing changed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: warga.headers,
      payload: await planBody(t.db),
    });
    expect(res.statusCode).toBe(403);
    const transition = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: warga.headers,
      payload: { to: 'co-creation' },
    });
    expect(transition.statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data.status).toBe('draft');
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/plans', payload: await planBody(t.db) });
    expect(anon.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/plans' })).json().meta.total).toBe(1);
  });

  it('validates plan dates and IDs', async () => {
    const order = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db, { periodStart: '2028-01-01', periodEnd: '2025-01-01' }),
    });
    expect(order.statusCode).toBe(422);
    expect(order.json().error.details.fields).toContainEqual({
      field: 'periodEnd',
      message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
    });
    expect((await t.app.inject({ url: '/api/v1/plans/nope' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/plans/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('takes ideas only while the plan is open for them', async () => {
    const closed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      headers: warga.headers,
      payload: { planId, title: 'Ide terlalu awal', body: 'Rencana masih draf, belum menerima ide.', theme: 'lainnya' },
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('IDEAS_CLOSED');
    const next = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'co-creation' },
    });
    expect(next.statusCode).toBe(200);
    expect(next.json().data.status).toBe('co-creation');
    const skip = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'closed' },
    });
    expect(skip.statusCode).toBe(409);
  });

  it('publishes ideas from registered citizens and queues anonymous ones for moderation', async () => {
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      headers: warga.headers,
      payload: {
        planId,
        title: 'Data pencari kerja per kelurahan',
        body: 'Tolong buka jumlah pencari kerja per kelurahan setiap bulan.',
        theme: 'ketenagakerjaan',
        wilayahKode: '35.77.02.1002',
      },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().data).toMatchObject({
      channel: 'online',
      moderation: 'approved',
      source: 'Warga terdaftar (daring)',
      wilayahKode: '35.77.02.1002',
    });
    expect(JSON.stringify(own.json())).not.toContain(warga.email);
    wargaIdea = own.json().data.id;
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      payload: {
        planId,
        title: 'Taman baca kelurahan',
        body: 'Tambah taman baca di tiap kelurahan.',
        theme: 'partisipasi',
      },
    });
    expect(anon.statusCode).toBe(201);
    expect(anon.json().data.moderation).toBe('pending');
    anonIdea = anon.json().data.id;
    const list = (await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json();
    expect(list.data.map((i: { id: string }) => i.id)).toEqual([wargaIdea]);
    expect((await t.app.inject({ url: `/api/v1/ideas/${anonIdea}` })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/ideas?plan=${planId}&moderation=pending`,
          headers: { cookie: warga.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const queue = (
      await t.app.inject({
        url: `/api/v1/ideas?plan=${planId}&moderation=pending`,
        headers: { cookie: bappeda.cookie },
      })
    ).json();
    expect(queue.data.map((i: { id: string }) => i.id)).toEqual([anonIdea]);
  });

  it('lets only plan staff record offline ideas with their source, and moderate', async () => {
    const body = {
      planId,
      title: 'Kelurahan wisata',
      body: 'Pendampingan pembentukan kelurahan wisata.',
      theme: 'pariwisata',
      sourceLabel: 'Musrenbang Kecamatan Taman 2025',
      receivedOn: '2025-03-10',
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/ideas', headers: warga.headers, payload: body })).statusCode,
    ).toBe(403);
    const rec = await t.app.inject({ method: 'POST', url: '/api/v1/ideas', headers: bappeda.headers, payload: body });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().data).toMatchObject({
      channel: 'offline',
      source: 'Musrenbang Kecamatan Taman 2025',
      receivedOn: '2025-03-10',
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/ideas/${anonIdea}/moderation`,
          headers: warga.headers,
          payload: { decision: 'approve' },
        })
      ).statusCode,
    ).toBe(403);
    const mod = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ideas/${anonIdea}/moderation`,
      headers: bappeda.headers,
      payload: { decision: 'approve' },
    });
    expect(mod.json().data.moderation).toBe('approved');
  });

  it('blocks submission while ideas lack a reasoned response, endorsement is missing or commitments are invalid', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'submitted' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PLAN_NOT_READY');
    const messages = res.json().error.details.fields.map((f: { message: string }) => f.message);
    expect(messages).toContain('Ide “Data pencari kerja per kelurahan” belum mendapat tanggapan beralasan.');
    expect(messages).toContain('Dukungan (endorsement) masyarakat sipil atas rencana aksi belum dicatat.');
    expect(messages).toContain('Rencana aksi belum memiliki komitmen.');
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data.status).toBe('co-creation');
  });

  it('records a reasoned response by a named official, links the commitment and notifies the author', async () => {
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    ogpId = c.json().data.ogpId;
    const url = `/api/v1/ideas/${wargaIdea}/response`;
    const merged = {
      kind: 'merged',
      reason: 'Digabung ke komitmen satu data kelurahan.',
      responderTitle: 'Kepala Bidang PPM Bapelitbangda',
    };
    const missing = await t.app.inject({ method: 'POST', url, headers: bappeda.headers, payload: merged });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.fields[0].field).toBe('commitmentOgpIds');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: warga.headers,
          payload: { ...merged, commitmentOgpIds: [ogpId] },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: bappeda.headers,
      payload: { ...merged, commitmentOgpIds: [ogpId] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.response).toMatchObject({
      kind: 'merged',
      // Signed with the account: its name and the lead organisation it manages the plan for.
      responder: {
        name: `Pengguna ${bappeda.email.split('@')[0]}`,
        title: 'Kepala Bidang PPM Bapelitbangda',
        organization: { name: expect.stringMatching(/Badan Perencanaan/i) },
        fromAccount: true,
      },
      commitments: [{ ogpId }],
    });
    const notes = await t.db.selectFrom('notifications').selectAll().where('user_id', '=', warga.id).execute();
    expect(notes.length).toBe(1);
    const commitment = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(commitment.ideas.map((i: { id: string }) => i.id)).toEqual([wargaIdea]);
  });

  it('submits once every rule holds, audits each transition, and lists ideas per plan', async () => {
    const ideas = (await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json().data as Array<{
      id: string;
      response: unknown;
    }>;
    for (const idea of ideas.filter((i) => !i.response)) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/ideas/${idea.id}/response`,
        headers: bappeda.headers,
        payload: {
          kind: 'not_adopted',
          reason: 'Di luar kewenangan rencana aksi ini.',
          responderTitle: 'Kepala Bidang PPM',
        },
      });
      expect(r.statusCode).toBe(200);
    }
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      headers: bappeda.headers,
      payload: { endorsedOn: '2025-07-10', endorsementNote: 'Forum multipihak menyetujui.' },
    });
    const stillInvalid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'submitted' },
    });
    expect(stillInvalid.statusCode).toBe(422);
    expect(stillInvalid.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      `${ogpId}.milestones`,
    ]);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${ogpId}/milestones`,
      headers: admin.headers,
      payload: await milestoneBody(t.db),
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'submitted' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.status).toBe('submitted');
    expect(res.json().data.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'plan.transition')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).status)).toEqual(['co-creation', 'submitted']);
    const list = (await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json();
    expect(list.meta.total).toBe(3);
    expect(list.data.every((i: { response: unknown }) => i.response)).toBe(true);
  });
});
