import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';
import type { RdfFormat } from './dcat.negotiation.js';

/** Test helpers: read each RDF syntax back into quads with an independent parser, and validate. */
export function parseTurtle(text: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(text);
}

export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

export function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

export const parseRdf = (format: RdfFormat, text: string): Promise<Quad[]> =>
  format === 'ttl' ? Promise.resolve(parseTurtle(text)) : format === 'jsonld' ? parseJsonLd(text) : parseRdfXml(text);

const SHAPES_FILE = fileURLToPath(new URL('../../../test/fixtures/dcat-ap/dcat-ap-3.0.1-shacl.ttl', import.meta.url));
let shapes: Store | null = null;

export interface Violation {
  focus: string;
  path: string;
  constraint: string;
  message: string;
}

/** Every violation of the DCAT-AP 3.0.1 shapes in the graph (empty when it conforms). */
export async function dcatApViolations(quads: Quad[]): Promise<Violation[]> {
  shapes ??= new Store(parseTurtle(readFileSync(SHAPES_FILE, 'utf8')));
  const report = await new SHACLValidator(shapes).validate(new Store(quads));
  return report.results.map((r) => ({
    focus: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    constraint: (r.sourceConstraintComponent?.value ?? '').replace('http://www.w3.org/ns/shacl#', 'sh:'),
    message: r.message.map((m) => m.value).join(' '),
  }));
}
