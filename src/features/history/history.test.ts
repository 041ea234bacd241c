import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { translator } from '../../i18n/i18n.js';
import type { RequestContext } from '../../views/page-context.js';
import { recordVersion, listVersions, presentVersions, latestVersionAt } from './history.service.js';
import { renderHistory } from './history.view.js';
import { diffWords } from './history.diff.js';

const ctx = (locale: 'id' | 'en' = 'id'): RequestContext => ({
  locale,
  t: translator(locale),
  user: null,
  authVia: null,
  csrfToken: 'x'.repeat(32),
  path: '/komitmen/IDMDN0001',
});
const labels = { title: 'Judul', description: 'Deskripsi', weight: 'Bobot' };

describe('word diff', () => {
  it('marks inserted and deleted words and keeps the rest', () => {
    const parts = diffWords(
      'Pendampingan kelurahan wisata di lima kelurahan',
      'Pendampingan kelurahan wisata di tujuh kelurahan terpilih',
    );
    expect(parts).toEqual([
      { kind: 'same', text: 'Pendampingan kelurahan wisata di ' },
      { kind: 'ins', text: 'tujuh' },
      { kind: 'del', text: 'lima' },
      { kind: 'same', text: ' kelurahan' },
      { kind: 'ins', text: ' terpilih' },
    ]);
  });
});

describe.each(DIALECTS)('version history (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('numbers versions per entity and records the actor by name, never by e-mail', async () => {
    const staff = await createTestUser(t.db, ['admin']);
    const v1 = await t.db
      .transaction()
      .execute((trx) =>
        recordVersion(trx, { id: staff.id, label: staff.email }, 'commitment', 'c-1', { title: 'A', weight: 1 }),
      );
    const v2 = await t.db
      .transaction()
      .execute((trx) =>
        recordVersion(trx, { id: staff.id, label: staff.email }, 'commitment', 'c-1', { title: 'B', weight: 1 }),
      );
    const other = await recordVersion(t.db, { id: null, label: 'system:seed' }, 'commitment', 'c-2', { title: 'X' });
    expect([v1, v2, other]).toEqual([1, 2, 1]);
    const versions = await listVersions(t.db, 'commitment', 'c-1');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.actorLabel).toBe(`Pengguna ${staff.email.split('@')[0]}`);
    expect(versions[1]!.actorLabel).not.toContain('@');
    expect(presentVersions(versions, Object.keys(labels))[0]!.changes).toEqual([
      { field: 'title', before: 'A', after: 'B' },
    ]);
    expect(await latestVersionAt(t.db, [{ entityType: 'commitment', entityId: 'c-1' }])).toBe(versions[1]!.createdAt);
  });

  it('renders a readable diff: field old → new, word changes in long text, who and when', async () => {
    const actor = { id: null, label: 'Bapelitbangda' };
    const long1 = 'Pemerintah kota mendampingi pembentukan kelurahan wisata bersama pokdarwis di lima kelurahan.';
    const long2 =
      'Pemerintah kota mendampingi pembentukan kelurahan wisata bersama pokdarwis dan akademisi di tujuh kelurahan.';
    await recordVersion(t.db, actor, 'milestone', 'm-1', {
      title: 'Pelatihan <pokdarwis>',
      description: long1,
      weight: 20,
      internal: 'x',
    });
    await recordVersion(t.db, actor, 'milestone', 'm-1', {
      title: 'Pelatihan <pokdarwis>',
      description: long2,
      weight: 30,
      internal: 'y',
    });
    const html = renderHistory(ctx(), await listVersions(t.db, 'milestone', 'm-1'), labels).value;
    expect(html).toContain('Riwayat perubahan');
    expect(html).toContain('Versi 2');
    expect(html).toContain('diubah oleh Bapelitbangda');
    expect(html).toMatch(
      /<strong>Bobot:<\/strong> <del><span class="sr-only">\[sebelumnya\] <\/span>20<\/del> → <ins><span class="sr-only">\[sekarang\] <\/span>30<\/ins>/,
    );
    expect(html).toContain('<ins><span class="sr-only">[ditambahkan] </span>dan akademisi </ins>');
    expect(html).toContain('<del><span class="sr-only">[dihapus] </span>lima</del>');
    expect(html).toContain('Pelatihan &lt;pokdarwis&gt;');
    expect(html).not.toContain('internal');
    expect(html.indexOf('Versi 2')).toBeLessThan(html.indexOf('Versi 1'));
    const en = renderHistory(ctx('en'), await listVersions(t.db, 'milestone', 'm-1'), labels).value;
    expect(en).toContain('changed by Bapelitbangda');
    expect(renderHistory(ctx(), [], labels).value).toContain('Belum ada riwayat');
  });
});
