/** The RDF syntaxes Terbuka writes, by file extension, with their media types. */
export const RDF_FORMATS = {
  ttl: { type: 'text/turtle', title: 'Turtle' },
  jsonld: { type: 'application/ld+json', title: 'JSON-LD' },
  rdf: { type: 'application/rdf+xml', title: 'RDF/XML' },
} as const;
export type RdfFormat = keyof typeof RDF_FORMATS;

const BY_TYPE: Record<string, RdfFormat> = {
  'text/turtle': 'ttl',
  'application/x-turtle': 'ttl',
  'application/ld+json': 'jsonld',
  'application/rdf+xml': 'rdf',
};

/**
 * The RDF syntax an Accept header asks for ahead of HTML, or null (HTML stays the default, as in
 * ckanext-dcat). A browser's Accept names text/html, so it never gets Turtle.
 */
export function negotiateRdf(accept: string | undefined): RdfFormat | null {
  if (!accept) return null;
  let best: { format: RdfFormat; q: number } | null = null;
  let html = 0;
  let wildcard = 0;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.trim().split(';');
    const type = rawType!.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const format = BY_TYPE[type];
    if (format && (!best || q > best.q)) best = { format, q };
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    if (type === '*/*' || type === 'text/*') wildcard = Math.max(wildcard, q);
  }
  // A named RDF type beats a wildcard of the same weight (it is more specific), never an explicit HTML.
  return best && best.q > html && best.q >= wildcard ? best.format : null;
}
