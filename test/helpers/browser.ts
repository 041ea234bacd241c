import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/build-app.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import type { DialectName } from './test-env.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export interface BrowserHarness extends TestDatabase {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A real server on a free port, a fresh database, and headless Debian Chromium. */
export async function startBrowserHarness(
  dialect: DialectName = 'sqlite',
  settings: Record<string, string> = {},
): Promise<BrowserHarness> {
  const tdb = await createTestDatabase(dialect, settings);
  const app = await buildApp({ config: tdb.config, storage: tdb.storage, logger: pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 412, height: 915 },
    javaScriptEnabled: true,
  });
  const page = await context.newPage();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    ...tdb,
    app,
    baseUrl,
    browser,
    page,
    close: async () => {
      await browser.close();
      await app.close();
      await tdb.destroy();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the current page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the portal's strict CSP (no inline scripts) does not block it.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A page of its own browser context, signed in through the login form. The context is pushed onto
 * `contexts` so the walk closes it at the end.
 */
export async function signedInPage(
  h: BrowserHarness,
  contexts: BrowserContext[],
  email: string,
  password: string,
  viewport = { width: 1024, height: 900 },
): Promise<Page> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/masuk');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.locator('main form button[type=submit]').click();
  await page.waitForLoadState('load');
  return page;
}
