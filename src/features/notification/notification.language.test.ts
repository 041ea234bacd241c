import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, planBody } from '../plan/plan.fixtures.js';
import { follow } from './notification.service.js';

describe.each(DIALECTS)('notifications in the reader’s language, with why they came (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let commitmentFollower: TestUser;
  let planFollower: TestUser;
  let ogpId: string;
  const outbox = (to: string) =>
    t.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    commitmentFollower = await createTestUser(t.db, ['warga']);
    planFollower = await createTestUser(t.db, ['warga']);
    const planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db),
      })
    ).json().data.id;
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, { translations: { en: { title: 'Tourism kelurahan support' } } }),
    });
    ogpId = c.json().data.ogpId;
    const followables = t.app.deps.followables;
    await follow(t.db, followables, commitmentFollower.id, 'commitment', c.json().data.id);
    await follow(t.db, followables, planFollower.id, 'plan', planId);
    // The plan follower reads e-mail in English (their account's language).
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', planFollower.id).execute();
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${ogpId}`,
      headers: admin.headers,
      payload: { sector: 'Pariwisata dan ekonomi kreatif' },
    });
    expect(changed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('renders a notification written in Indonesian in English when read in English (page and JSON)', async () => {
    const idPage = await t.app.inject({
      url: '/notifikasi',
      headers: { accept: 'text/html', cookie: commitmentFollower.cookie },
    });
    expect(idPage.body).toContain(`${ogpId} diperbarui: Pendampingan kelurahan wisata`);
    const enPage = await t.app.inject({
      url: '/notifikasi',
      headers: { accept: 'text/html', cookie: `${commitmentFollower.cookie}; terbuka_lang=en` },
    });
    expect(enPage.body).toContain(`${ogpId} updated: Tourism kelurahan support`);
    expect(enPage.body).not.toContain('diperbarui');
    const json = await t.app.inject({
      url: '/api/v1/me/notifications',
      headers: { cookie: commitmentFollower.cookie, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(json.headers['content-language']).toBe('en');
    expect(json.json().data[0].title).toBe(`${ogpId} updated: Tourism kelurahan support`);
    const asId = await t.app.inject({
      url: '/api/v1/me/notifications',
      headers: { cookie: commitmentFollower.cookie },
    });
    expect(asId.json().data[0].title).toBe(`${ogpId} diperbarui: Pendampingan kelurahan wisata`);
  });

  it('mails each reader in their language with a footer that says why and links to the settings', async () => {
    const [idMail] = await outbox(commitmentFollower.email);
    expect(idMail!.subject).toBe(`${ogpId} diperbarui: Pendampingan kelurahan wisata`);
    expect(idMail!.body_text).toContain('Anda menerima e-mail ini karena Anda mengikuti komitmen ini di Terbuka.');
    expect(idMail!.body_text).toMatch(/berhenti mengikuti: https?:\/\/\S+\/notifikasi#pengaturan/);
    const [enMail] = await outbox(planFollower.email);
    expect(enMail!.subject).toBe(`${ogpId} updated: Tourism kelurahan support`);
    expect(enMail!.body_text).toContain('You receive this e-mail because you follow this action plan on Terbuka.');
    const settings = await t.app.inject({
      url: '/notifikasi',
      headers: { accept: 'text/html', cookie: planFollower.cookie },
    });
    expect(settings.body).toContain('<h2 id="pengaturan">');
  });

  it('keeps showing the frozen text of a notification stored before messages had keys', async () => {
    await t.db
      .insertInto('notifications')
      .values({
        id: '00000000-0000-4000-8000-00000000abcd',
        user_id: commitmentFollower.id,
        title: 'Catatan lama',
        body: 'Teks lama tetap tampil.',
        url: '/',
        created_at: '2026-01-01T00:00:00.000Z',
        read_at: null,
      })
      .execute();
    const json = await t.app.inject({
      url: '/api/v1/me/notifications',
      headers: { cookie: commitmentFollower.cookie, 'accept-language': 'en' },
    });
    const old = json.json().data.find((n: { id: string }) => n.id === '00000000-0000-4000-8000-00000000abcd');
    expect(old).toMatchObject({ title: 'Catatan lama', body: 'Teks lama tetap tampil.' });
  });
});
