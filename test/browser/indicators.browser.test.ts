import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, seriousAxeViolations, screenshot, type BrowserHarness } from '../helpers/browser.js';
import { seedCityIndicators } from '../../src/features/indicator/indicator.seed.js';
import { seedDemoIndicators } from '../../src/features/indicator/indicator-demo.seed.js';

// A journalist checks 2022 unemployment, then a kelurahan, then the city map.
describe('indicators walk in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    await seedCityIndicators(h.storage.db);
    await seedDemoIndicators(h.storage.db);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens the unemployment indicator and sees both sources, the official one marked', async () => {
    const { page } = h;
    await page.goto('/indikator');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Jumlah penganggur' }).click();
    await page.waitForURL('**/indikator/pengangguran');
    await expect(page.locator('h1').innerText()).resolves.toContain('Jumlah penganggur');
    const official = page.locator('.sources li.official');
    await expect(official.innerText()).resolves.toContain('BPS Kota Madiun — Sakernas Agustus');
    await expect(official.innerText()).resolves.toContain('Resmi');
    const sources = await page.locator('.sources li').allInnerTexts();
    expect(sources).toHaveLength(2);
    expect(sources[1]).toContain('Disnaker KUKM Kota Madiun — pendataan pintu ke pintu');
    expect(sources[1]).toContain('Alternatif');
    const diff = await page.locator('#dis-h + p + .table-scroll table').innerText();
    expect(diff).toMatch(/6\.188/);
    expect(diff).toMatch(/3\.717/);
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(
      /^http:\/\/.+\/indikator\/pengangguran\/chart\.png$/,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-pengangguran');
  });

  it('opens a kelurahan profile with its key indicators, printable', async () => {
    const { page } = h;
    await page.goto('/wilayah/35.77.02.1002');
    await expect(page.locator('#ind-profile-h').innerText()).resolves.toBe('Indikator kunci');
    await expect(page.locator('.profile-indicators table').innerText()).resolves.toMatch(/\d+\/27/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.profile-indicators table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'indicators-profile-sogaten');
  });

  it('opens a choropleth, changes the period with a plain link, and reads the same numbers in the table', async () => {
    const { page } = h;
    await page.goto('/indikator/pencari-kerja-terdaftar/peta');
    await expect(page.locator('figure.choropleth svg title').first().textContent()).resolves.toContain(
      'Peta Pencari kerja terdaftar',
    );
    expect(await page.locator('figure.choropleth path').count()).toBe(27);
    await page.getByRole('link', { name: '2023', exact: true }).click();
    await page.waitForURL('**/peta?periode=2023**');
    await expect(page.locator('[aria-current="page"]', { hasText: '2023' }).count()).resolves.toBe(1);
    expect(await page.locator('#tbl-h ~ .table-scroll tbody tr').count()).toBe(27);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-choropleth');
  });
});
