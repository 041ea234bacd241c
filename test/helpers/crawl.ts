import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';

/**
 * A breadth-first crawl of the app as an anonymous visitor (or with the headers given): from the
 * start URLs it follows every same-origin link in HTML (href, src, action of GET forms) and every
 * URL in JSON and text bodies, and for every resource id it sees it also asks each datastore door.
 * XLSX bodies are read as text (their cells), so values inside workbooks are seen too. Reusable
 * for any "nothing private is reachable" check (personal data, suppressed indicator cells…).
 */
export interface CrawlOptions {
  start: string[];
  /** Origin of absolute links to follow (config.baseUrl); other origins are ignored. */
  origin: string;
  /** At most this many requests. */
  max?: number;
  /** At most this many URLs per path (query-string variants of explorer and search pages). */
  maxPerPath?: number;
  headers?: Record<string, string>;
  /** More URLs to try for a resource id seen anywhere (default: every datastore door). */
  resourceUrls?: (id: string) => string[];
  /** URLs never requested (e.g. logout), as prefixes. */
  skip?: string[];
}

export interface CrawledPage {
  url: string;
  status: number;
  contentType: string;
  /** The body as text (an XLSX as its cells, one per line). */
  text: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export const datastoreDoors = (id: string): string[] => [
  `/api/3/action/datastore_search?resource_id=${id}&limit=1000`,
  `/api/3/action/resource_show?id=${id}`,
  `/api/v1/datastore/${id}?limit=1000`,
  `/datastore/dump/${id}`,
  `/datastore/dump/${id}?format=tsv`,
  `/datastore/dump/${id}?format=json`,
  `/datastore/dump/${id}?format=xlsx`,
];

async function bodyText(contentType: string, raw: Buffer): Promise<string> {
  if (contentType.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        lines.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v))).join('\t')),
      ),
    );
    return lines.join('\n');
  }
  return raw.toString('utf8');
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** Same-origin links of a body, as paths with their query. */
function linksOf(page: CrawledPage, origin: string): string[] {
  const found: string[] = [];
  const add = (u: string) => {
    let v = decodeEntities(u.trim());
    if (v.startsWith(origin)) v = v.slice(origin.length) || '/';
    if (!v.startsWith('/') || v.startsWith('//')) return;
    found.push(v.split('#')[0]!);
  };
  if (page.contentType.includes('html')) {
    for (const m of page.text.matchAll(/\s(?:href|src)="([^"]*)"/g)) add(m[1]!);
    // GET forms (filters, searches) with no fields filled: their action.
    for (const m of page.text.matchAll(/<form(?![^>]*method="post")[^>]*action="([^"]*)"/g)) add(m[1]!);
  } else if (
    page.contentType.includes('json') ||
    page.contentType.includes('text') ||
    page.contentType.includes('xml')
  ) {
    const escapedOrigin = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of page.text.matchAll(new RegExp(`"(${escapedOrigin}[^"\\s<>]*|/[A-Za-z0-9_~%.-][^"\\s<>]*)"`, 'g')))
      add(m[1]!.replace(/\\\//g, '/'));
    for (const m of page.text.matchAll(new RegExp(`<(${escapedOrigin}[^>\\s]*)>`, 'g'))) add(m[1]!);
  }
  return found;
}

export async function crawl(app: FastifyInstance, o: CrawlOptions): Promise<CrawledPage[]> {
  const max = o.max ?? 1500;
  const maxPerPath = o.maxPerPath ?? 20;
  const seen = new Set<string>();
  const perPath = new Map<string, number>();
  const ids = new Set<string>();
  const queue: string[] = [];
  const pages: CrawledPage[] = [];
  const enqueue = (url: string) => {
    if (seen.has(url) || (o.skip ?? []).some((s) => url.startsWith(s))) return;
    const p = url.split('?')[0]!;
    const n = perPath.get(p) ?? 0;
    if (n >= maxPerPath) return;
    perPath.set(p, n + 1);
    seen.add(url);
    queue.push(url);
  };
  o.start.forEach(enqueue);
  while (queue.length && pages.length < max) {
    const url = queue.shift()!;
    const res = await app.inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8', ...(o.headers ?? {}) },
    });
    const contentType = String(res.headers['content-type'] ?? '');
    const page: CrawledPage = {
      url,
      status: res.statusCode,
      contentType,
      text: await bodyText(contentType, res.rawPayload),
    };
    pages.push(page);
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) enqueue(String(res.headers.location));
    for (const link of linksOf(page, o.origin)) enqueue(link);
    for (const id of page.text.match(UUID) ?? []) {
      if (ids.has(id)) continue;
      ids.add(id);
      for (const u of (o.resourceUrls ?? datastoreDoors)(id)) enqueue(u);
    }
  }
  return pages;
}
