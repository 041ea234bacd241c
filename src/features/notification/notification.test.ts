import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { translator } from '../../i18n/i18n.js';
import type { RequestContext } from '../../views/page-context.js';
import { notifyUser } from './notification.service.js';
import { renderFollowButton } from './follow.view.js';
import { newId, nowIso } from '../../ids.js';
import { insertCommitment, insertPlan } from '../monitoring/fixtures.test-helper.js';

describe.each(DIALECTS)('notifications (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('delivers in-app and by e-mail by default, lists and marks read in HTML and JSON', async () => {
    const warga = await createTestUser(t.db, ['warga']);
    await notifyUser(t.db, t.app.deps.mailer, warga.id, {
      title: { key: 'notification.plain', params: { text: 'Ide Anda dijawab' } },
      body: { key: 'notification.plain', params: { text: 'Ide diadopsi ke komitmen IDMDN0001.' } },
      reason: { key: 'notification.reason.ideaAuthor' },
      url: '/ide/1',
      baseUrl: 'https://terbuka.example',
    });
    const mail = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', warga.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('https://terbuka.example/ide/1');

    const page = await t.app.inject({ url: '/notifikasi', headers: { cookie: warga.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ide Anda dijawab');
    expect(page.body).toContain('1 notifikasi belum dibaca');

    const api = await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: warga.cookie } });
    expect(api.json().meta).toEqual({ unread: 1, emailEnabled: true, emailDigest: false });
    expect(api.json().data[0]).toMatchObject({ title: 'Ide Anda dijawab', url: '/ide/1', read: false });

    const read = await t.app.inject({
      method: 'POST',
      url: '/notifikasi/baca',
      headers: { cookie: warga.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${warga.csrf}`,
    });
    expect(read.statusCode).toBe(303);
    expect(
      (await t.app.inject({ url: '/api/v1/me/notifications?unread=true', headers: { cookie: warga.cookie } })).json()
        .data,
    ).toHaveLength(0);
  });

  it('sends no e-mail once the user turns e-mail off, but still notifies in-app', async () => {
    const warga = await createTestUser(t.db, ['warga']);
    const off = await t.app.inject({
      method: 'POST',
      url: '/notifikasi/pengaturan',
      headers: { cookie: warga.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${warga.csrf}`,
    });
    expect(off.statusCode).toBe(303);
    await notifyUser(t.db, t.app.deps.mailer, warga.id, {
      title: { key: 'notification.plain', params: { text: 'Perubahan' } },
      body: { key: 'notification.plain', params: { text: 'Tonggak selesai.' } },
      reason: { key: 'notification.reason.ideaAuthor' },
      url: '/komitmen/IDMDN0001',
    });
    expect(await t.db.selectFrom('outbox').selectAll().where('to_address', '=', warga.email).execute()).toHaveLength(0);
    const api = (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: warga.cookie } })).json();
    expect(api.meta).toEqual({ unread: 1, emailEnabled: false, emailDigest: false });
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      headers: warga.headers,
      payload: { emailEnabled: true, emailDigest: false },
    });
    expect(on.json().data.emailEnabled).toBe(true);
  });

  it('requires a login for notifications and following', async () => {
    expect((await t.app.inject({ url: '/api/v1/me/notifications' })).statusCode).toBe(401);
    const page = await t.app.inject({ url: '/notifikasi', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/masuk?next=%2Fnotifikasi');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/follows', payload: { entityType: 'plan', entityId: 'x' } }))
        .statusCode,
    ).toBe(401);
  });

  it('rejects following an unknown kind of thing or a missing one', async () => {
    const warga = await createTestUser(t.db, ['warga']);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/follows',
      headers: warga.headers,
      payload: { entityType: 'users', entityId: warga.id },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/follows',
      headers: warga.headers,
      payload: { entityType: 'forum_meeting', entityId: 'tidak-ada' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('FOLLOW_TARGET_NOT_FOUND');
  });

  it('names and links every kind of thing followed in "What I follow", not its id', async () => {
    const warga = await createTestUser(t.db, ['warga']);
    const planId = await insertPlan(t.db, { title: 'Rencana Aksi Madiun 2025–2028' });
    const c = await insertCommitment(t.db, planId, { title: 'Satu data kelurahan' });
    const meetingId = newId();
    await t.db
      .insertInto('forum_meetings')
      .values({
        id: meetingId,
        plan_id: planId,
        title: 'Rapat pleno ko-kreasi',
        meeting_date: '2025-05-14',
        location: 'Balai Kota',
        agenda: '',
        attendance_government: null,
        attendance_civil_society: null,
        attendance_academia: null,
        attendance_private: null,
        attendance_citizen: null,
        minutes: '',
        decisions: '',
        is_example: 0,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    await t.db
      .insertInto('ogp_profile')
      .values({
        id: 1,
        jurisdiction_name: 'Kota Madiun',
        joined_on: null,
        launched_on: null,
        term_end_date: null,
        contact_name: '',
        contact_title: '',
        contact_organization_id: null,
        monitoring_organization_id: null,
        forum_name: 'Forum Madiun Terbuka',
        forum_description: '',
        updated_at: nowIso(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const profile = await t.db.selectFrom('ogp_profile').select(['id', 'forum_name']).executeTakeFirstOrThrow();
    const targets = [
      { entityType: 'plan', entityId: planId },
      { entityType: 'commitment', entityId: c.id },
      { entityType: 'forum', entityId: String(profile.id) },
      { entityType: 'forum_meeting', entityId: meetingId },
    ];
    for (const target of targets) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/follows',
        headers: warga.headers,
        payload: target,
      });
      expect(res.statusCode).toBe(200);
    }
    const page = await t.app.inject({ url: '/notifikasi', headers: { cookie: warga.cookie, accept: 'text/html' } });
    const list = page.body.slice(page.body.indexOf('Yang saya ikuti'));
    expect(list).toContain(`<a href="/rencana-aksi/${planId}">Rencana Aksi Madiun 2025–2028</a>`);
    expect(list).toContain(`<a href="/komitmen/${c.ogpId}">${c.ogpId} Satu data kelurahan</a>`);
    expect(list).toContain(`<a href="/forum">${profile.forum_name}</a>`);
    expect(list).toContain(`<a href="/forum/pertemuan/${meetingId}">Rapat pleno ko-kreasi (2025-05-14)</a>`);
    // Ids only travel in the hidden fields of the unfollow forms, never as visible text.
    expect(list).not.toContain(`<code>`);

    const api = (await t.app.inject({ url: '/api/v1/me/follows', headers: { cookie: warga.cookie } })).json();
    expect(api.data).toContainEqual(
      expect.objectContaining({
        entityType: 'commitment',
        label: `${c.ogpId} Satu data kelurahan`,
        url: `/komitmen/${c.ogpId}`,
      }),
    );
    expect(api.data).toHaveLength(4);

    // Something followed that has since gone says so instead of showing a dead id.
    await t.db.deleteFrom('forum_meetings').where('id', '=', meetingId).execute();
    const after = await t.app.inject({ url: '/notifikasi', headers: { cookie: warga.cookie, accept: 'text/html' } });
    expect(after.body).toContain('Pertemuan forum: <span class="muted">sudah tidak ada</span>');
  });

  it('shows anonymous visitors a log-in link instead of the follow button', () => {
    const anon: RequestContext = {
      locale: 'id',
      t: translator('id'),
      user: null,
      authVia: null,
      csrfToken: 'c'.repeat(32),
      path: '/komitmen/IDMDN0001',
    };
    expect(renderFollowButton(anon, 'commitment', 'c1', false).value).toContain(
      'href="/masuk?next=%2Fkomitmen%2FIDMDN0001"',
    );
    const user: RequestContext = { ...anon, user: { id: 'u', email: 'a@b.c', name: 'A', roles: [] } };
    const button = renderFollowButton(user, 'commitment', 'c1', true).value;
    expect(button).toContain('name="_csrf"');
    expect(button).toContain('value="unfollow"');
    expect(button).toContain('Berhenti mengikuti');
  });
});
