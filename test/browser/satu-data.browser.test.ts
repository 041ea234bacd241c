import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  startBrowserHarness,
  seriousAxeViolations,
  screenshot,
  signedInPage,
  type BrowserHarness,
} from '../helpers/browser.js';
import { createUser, grantRole } from '../../src/features/account/account.service.js';

const PASSWORD = 'pecel-madiun-2026';
const CSV =
  [
    'Data UMKM Kelurahan Oro-oro Ombo 2024;;;',
    ';;;',
    'RW;Kode Wilayah;Jumlah UMKM;Omzet Rata-rata (juta);Tanggal Pendataan',
    '01;35.77.01.1001;1.204;12,5;31/12/2024',
    '02;35.77.01.1001;987;7,25;30/12/2024',
    '03;35.77.01.1001;1.010;9,75;1 Desember 2024',
    'Jumlah;;3.201;;',
  ].join('\r\n') + '\r\n';

// Satu Data walk: a kelurahan produsen uploads a semicolon CSV with Indonesian numbers → the
// walidata returns it with a comment → the produsen fixes and resubmits → the walidata publishes
// → a visitor opens the dataset page.
describe('Satu Data walk in Chromium', () => {
  let h: BrowserHarness;
  let produsen: Page;
  let walidata: Page;
  const contexts: BrowserContext[] = [];
  const csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-walk-')), 'umkm-oro-oro-ombo.csv');

  const loggedIn = (email: string) => signedInPage(h, contexts, email, PASSWORD);

  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    fs.writeFileSync(csvFile, CSV);
    const db = h.storage.db;
    const org = await db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'kelurahan-oro-oro-ombo')
      .executeTakeFirstOrThrow();
    const p = await createUser(db, {
      email: 'produsen@oro-oro-ombo.contoh.id',
      name: 'Operator Kelurahan',
      password: PASSWORD,
    });
    await grantRole(db, { id: null, label: 'test' }, p, 'produsen', org.id);
    const w = await createUser(db, {
      email: 'walidata@diskominfo.contoh.id',
      name: 'Walidata Kota',
      password: PASSWORD,
    });
    await grantRole(db, { id: null, label: 'test' }, w, 'walidata', null);
    produsen = await loggedIn('produsen@oro-oro-ombo.contoh.id');
    walidata = await loggedIn('walidata@diskominfo.contoh.id');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await h?.close();
  });

  it('the produsen creates a dataset, uploads the CSV and submits it', async () => {
    const page = produsen;
    await page.goto('/data/saya');
    await page.getByRole('link', { name: 'Buat dataset baru' }).click();
    await page.fill('#title', 'UMKM per RW Kelurahan Oro-oro Ombo');
    await page.fill('#name', 'umkm-rw-oro-oro-ombo');
    await page.fill('#notes', 'Jumlah UMKM dan omzet rata-rata per RW, hasil pendataan kelurahan.');
    await page.fill('#unit', 'usaha');
    await page.fill('#spatialCodes', '35.77.01.1001');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page.waitForURL('**/dataset/umkm-rw-oro-oro-ombo');

    await page.getByRole('link', { name: 'Tambah sumber daya' }).click();
    await page.setInputFiles('#file', csvFile);
    await page.fill('#name', 'UMKM per RW 2024');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Unggah dan impor' }).click();
    await page.waitForURL(/sumber-daya\/[0-9a-f-]{36}$/);
    // The page refreshes itself while the import runs.
    await page.locator('text=Impor selesai').waitFor({ timeout: 20_000 });
    await expect(page.locator('main').innerText()).resolves.toContain('3 baris');
    await expect(page.locator('.quality').innerText()).resolves.toContain('Angka berformat Indonesia');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'satu-data-resource');

    await page.getByRole('link', { name: /Kembali ke/ }).click();
    await page.getByRole('button', { name: 'Ajukan ke walidata' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').innerText()).resolves.toContain('Diajukan ke walidata');
  });

  it('the walidata sees the quality report and returns it with a comment on the unit', async () => {
    const page = walidata;
    await page.goto('/data/periksa');
    await page.getByRole('link', { name: 'UMKM per RW Kelurahan Oro-oro Ombo' }).click();
    await expect(page.locator('.quality').first().innerText()).resolves.toMatch(/baris Jumlah\/Total disisihkan/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('summary', { hasText: 'Catatan per isian' }).click();
    await page.getByLabel('Catatan untuk Satuan').fill('Satuan harus "unit usaha" sesuai standar data.');
    await page.getByRole('button', { name: 'Kembalikan ke produsen' }).click();
    await page.waitForURL('**/data/periksa');
    await expect(page.locator('main').innerText()).resolves.toContain('Tidak ada dataset yang menunggu.');
  });

  it('the produsen sees the comment next to the field, fixes it and resubmits', async () => {
    const page = produsen;
    await page.goto('/dataset/umkm-rw-oro-oro-ombo');
    await expect(page.locator('main').innerText()).resolves.toContain('Satuan harus "unit usaha" sesuai standar data.');
    await page.getByRole('link', { name: 'Ubah metadata' }).click();
    await expect(page.locator('#komentar-unit').innerText()).resolves.toContain('unit usaha');
    await page.fill('#unit', 'unit usaha');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL('**/dataset/umkm-rw-oro-oro-ombo');
    await page.getByRole('button', { name: 'Ajukan ke walidata' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').innerText()).resolves.toContain('Diajukan ke walidata');
  });

  it('the walidata publishes it', async () => {
    const page = walidata;
    await page.goto('/data/periksa/umkm-rw-oro-oro-ombo');
    await page.getByRole('button', { name: 'Setujui dan terbitkan' }).click();
    await page.waitForURL('**/dataset/umkm-rw-oro-oro-ombo');
    await expect(page.locator('main').innerText()).resolves.toContain('Versi 1');
  });

  it('a visitor opens the published dataset page', async () => {
    const page = h.page;
    await page.goto('/dataset/umkm-rw-oro-oro-ombo');
    await expect(page.locator('h1').innerText()).resolves.toBe('UMKM per RW Kelurahan Oro-oro Ombo');
    const main = await page.locator('main').innerText();
    expect(main).toContain('unit usaha');
    expect(main).toContain('Jumlah UMKM');
    expect(main).toContain('Bilangan bulat');
    expect(main).not.toContain('Catatan walidata');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'satu-data-dataset-public');
    const download = await page.request.get(
      (await page.getByRole('link', { name: 'Unduh berkas asli' }).first().getAttribute('href')) as string,
    );
    expect(await download.text()).toBe(CSV);
  });

  it('the visitor filters the data, draws a chart and downloads the CSV', async () => {
    const page = h.page;
    await page.goto('/dataset/umkm-rw-oro-oro-ombo');
    await page.getByRole('link', { name: 'Jelajahi data' }).first().click();
    await page.waitForLoadState('load');
    await page.locator('#ds-f-rw').fill('02');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForLoadState('load');
    const table = await page.locator('main table').first().innerText();
    expect(table).toContain('987');
    expect(table).not.toContain('1.204');
    await page.goto('/dataset/umkm-rw-oro-oro-ombo');
    await page.getByRole('link', { name: 'Jelajahi data' }).first().click();
    await page.waitForLoadState('load');
    if ((await page.locator('#ds-cat').count()) > 0) {
      await page.locator('#ds-cat').selectOption('rw');
      if ((await page.locator('#ds-val').count()) > 0) await page.locator('#ds-val').selectOption('jumlah_umkm');
      await page.getByRole('button', { name: 'Gambar grafik' }).click();
      await page.waitForLoadState('load');
    }
    const svg = page.locator('main svg').first();
    await expect(svg.locator('title').first().textContent()).resolves.toMatch(/\S/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'satu-data-explorer');
    await page.goto('/dataset/umkm-rw-oro-oro-ombo');
    const csvHref = await page.getByRole('link', { name: 'CSV', exact: true }).first().getAttribute('href');
    const csv = await (await page.request.get(csvHref as string)).text();
    expect(csv).toContain('987');
    expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(4);
  });
});
