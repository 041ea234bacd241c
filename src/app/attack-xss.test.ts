import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { seededPortal, type SeededPortal } from '../../test/helpers/attack-setup.js';
import { crawl } from '../../test/helpers/crawl.js';
import { fillPath, sample } from '../../test/helpers/openapi-sample.js';

/** Payloads that run script if a page writes them unescaped (in text, in an attribute, after a textarea). */
const PAYLOADS = [
  '<script>alert("xss1")</script>',
  '"><img src=x onerror=alert("xss2")>',
  "'><svg onload=alert('xss3')>",
  '</textarea><script>alert("xss4")</script>',
  'javascript:alert("xss5")',
];
/** What an unescaped payload leaves in HTML. */
const EXECUTABLE = [
  /<script>alert\(/i,
  /<img src=x onerror=/i,
  /<svg onload=/i,
  /href="javascript:/i,
  /src="javascript:/i,
];

/**
 * Issue 14's XSS attack as a permanent test: payloads go into every free-text field that every
 * documented create and update accepts (as an admin, so they are stored), then every page a
 * visitor and the admin can reach is crawled: no page carries a payload as markup.
 */
describe.each(DIALECTS)('XSS payloads stored in every text field never appear unescaped (%s)', (dialect) => {
  let p: SeededPortal;
  beforeAll(async () => {
    p = await seededPortal(dialect);
  }, 60_000);
  afterAll(async () => {
    await p?.t.close();
  });

  it('stores the payloads and renders them only as text', async () => {
    let stored = 0;
    const writes = p.ops.filter(
      (op) =>
        ['POST', 'PUT', 'PATCH'].includes(op.method) && op.body && !/\/(auth|me)\/|\/api\/(3\/)?action\//.test(op.path),
    );
    for (const [i, op] of writes.entries()) {
      const res = await p.t.app.inject({
        method: op.method,
        url: fillPath(op, p.known),
        headers: p.admin.headers,
        payload: sample(op.body, p.known, PAYLOADS[i % PAYLOADS.length]) as object,
      });
      if (res.statusCode < 300) stored++;
    }
    expect(stored).toBeGreaterThanOrEqual(15);
    const origin = p.t.config.baseUrl;
    const start = ['/', '/rencana-aksi', '/ide', '/forum', '/forum/contoh', '/data', '/indikator', '/wilayah'];
    const pages = [
      ...(await crawl(p.t.app, { start, origin, max: 500, maxPerPath: 4 })),
      ...(await crawl(p.t.app, {
        start: [...start, '/admin', '/akun', '/data/saya', '/data/periksa'],
        origin,
        max: 400,
        maxPerPath: 3,
        headers: { cookie: p.admin.cookie },
        skip: ['/keluar'],
      })),
    ];
    const html = pages.filter((page) => page.contentType.includes('html'));
    expect(html.length).toBeGreaterThan(100);
    const unescaped = html.flatMap((page) =>
      EXECUTABLE.filter((pattern) => pattern.test(page.text)).map((pattern) => `${page.url}: ${pattern}`),
    );
    expect(unescaped).toEqual([]);
    // The payloads were there to be found, escaped.
    expect(html.filter((page) => page.text.includes('&lt;script&gt;alert(')).length).toBeGreaterThan(20);
    // JSON answers are never served as HTML.
    expect(pages.filter((page) => page.text.includes('<script>alert(') && page.contentType.includes('html'))).toEqual(
      [],
    );
  }, 60_000);
});
