import jsonld from 'jsonld';
import { DataFactory, Writer, type NamedNode, type BlankNode, type Literal, type Quad } from 'n3';

/**
 * A small builder for DCAT documents (IRIs, typed or language-tagged literals, nested nodes) that
 * becomes ONE list of RDF quads; Turtle, JSON-LD and RDF/XML are all written from that list, so
 * the three syntaxes always carry the same graph (issue 22 item 2).
 */
export type Term = { iri: string } | { value: string; datatype?: string; lang?: string } | RdfNode;

export interface RdfNode {
  /** Absent for a blank node. */
  id?: string;
  types: string[];
  props: [predicate: string, object: Term][];
}

export const PREFIXES: Record<string, string> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  schema: 'http://schema.org/',
};

export const iri = (value: string): Term => ({ iri: value });
export const lit = (value: string | number, datatype?: string): Term => ({
  value: String(value),
  ...(datatype ? { datatype } : {}),
});
export const langLit = (value: string, lang: string): Term => ({ value, lang });
export const node = (types: string[], props: RdfNode['props'], id?: string): RdfNode => ({
  ...(id ? { id } : {}),
  types,
  props,
});

const isNode = (t: Term): t is RdfNode => 'props' in t;
const isIri = (t: Term): t is { iri: string } => 'iri' in t;

/** `dct:title` → the full IRI; a full IRI stays as it is. */
export function expand(name: string): string {
  const colon = name.indexOf(':');
  const prefix = colon > 0 ? name.slice(0, colon) : '';
  return prefix in PREFIXES && !name.startsWith(`${prefix}://`) ? PREFIXES[prefix] + name.slice(colon + 1) : name;
}

const RDF_TYPE = DataFactory.namedNode(expand('rdf:type'));

/** The nodes as quads, blank nodes labelled b0, b1, … in document order, duplicates dropped. */
export function toQuads(nodes: RdfNode[]): Quad[] {
  const out: Quad[] = [];
  const seen = new Set<string>();
  let blank = 0;
  const add = (q: Quad) => {
    const key = `${q.subject.termType}|${q.subject.value}|${q.predicate.value}|${q.object.termType}|${q.object.value}|${
      q.object.termType === 'Literal' ? `${q.object.language}|${q.object.datatype.value}` : ''
    }`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(q);
  };
  const subjectOf = (n: RdfNode): NamedNode | BlankNode =>
    n.id ? DataFactory.namedNode(n.id) : DataFactory.blankNode(`b${blank++}`);
  const emit = (n: RdfNode, subject: NamedNode | BlankNode): void => {
    const nested: [RdfNode, NamedNode | BlankNode][] = [];
    for (const type of n.types) add(DataFactory.quad(subject, RDF_TYPE, DataFactory.namedNode(expand(type))));
    for (const [p, o] of n.props) {
      let object: NamedNode | BlankNode | Literal;
      if (isNode(o)) {
        object = subjectOf(o);
        nested.push([o, object]);
      } else if (isIri(o)) object = DataFactory.namedNode(o.iri);
      else if (o.lang) object = DataFactory.literal(o.value, o.lang);
      else if (o.datatype) object = DataFactory.literal(o.value, DataFactory.namedNode(expand(o.datatype)));
      else object = DataFactory.literal(o.value);
      add(DataFactory.quad(subject, DataFactory.namedNode(expand(p)), object));
    }
    for (const [child, s] of nested) emit(child, s);
  };
  for (const n of nodes) emit(n, subjectOf(n));
  // Each subject's statements together, types first (a node met again later, e.g. a landing page
  // typed foaf:Document, joins its first block), so every syntax prints one block per subject.
  const blocks = new Map<string, Quad[]>();
  for (const q of out) {
    const key = `${q.subject.termType}|${q.subject.value}`;
    blocks.set(key, [...(blocks.get(key) ?? []), q]);
  }
  return [...blocks.values()].flatMap((block) => [
    ...block.filter((q) => q.predicate.equals(RDF_TYPE)),
    ...block.filter((q) => !q.predicate.equals(RDF_TYPE)),
  ]);
}

export function toTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: PREFIXES });
  writer.addQuads(quads);
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
}

/** Compacted JSON-LD with the prefixes as its @context (one flat @graph of node objects). */
export async function toJsonLd(quads: Quad[]): Promise<Record<string, unknown>> {
  const expanded = await jsonld.fromRDF(quads as unknown as Parameters<typeof jsonld.fromRDF>[0]);
  const compacted = (await jsonld.compact(expanded, PREFIXES)) as Record<string, unknown>;
  // One node compacts without @graph; harvesters read either form, but one shape is simpler for everyone.
  if (!('@graph' in compacted)) {
    const { '@context': context, ...only } = compacted;
    return { '@context': context, '@graph': Object.keys(only).length ? [only] : [] };
  }
  return compacted;
}

// ---------- RDF/XML ----------

/** XML 1.0 cannot carry most C0 controls even as references; they become U+FFFD (the only lossy case). */
function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** Splits a predicate IRI into namespace + XML local name (RDF/XML needs every predicate as a QName). */
function qname(value: string, namespaces: Map<string, string>): string {
  const m = /^(.*[#/])([A-Za-z_][\w.-]*)$/.exec(value);
  if (!m) throw new Error(`Cannot write the predicate ${value} in RDF/XML`);
  const [, ns, local] = m as unknown as [string, string, string];
  let prefix = namespaces.get(ns);
  if (!prefix) {
    prefix = `ns${namespaces.size}`;
    namespaces.set(ns, prefix);
  }
  return `${prefix}:${local}`;
}

/** RDF/XML in the flat striped form: one rdf:Description per subject, blank nodes as rdf:nodeID. */
export function toRdfXml(quads: Quad[]): string {
  const namespaces = new Map(Object.entries(PREFIXES).map(([p, ns]) => [ns, p]));
  const bySubject = new Map<string, { subject: Quad['subject']; lines: string[] }>();
  for (const q of quads) {
    const key = `${q.subject.termType}|${q.subject.value}`;
    let entry = bySubject.get(key);
    if (!entry) bySubject.set(key, (entry = { subject: q.subject, lines: [] }));
    const tag = qname(q.predicate.value, namespaces);
    const o = q.object;
    if (o.termType === 'NamedNode') entry.lines.push(`    <${tag} rdf:resource="${xmlText(o.value)}"/>`);
    else if (o.termType === 'BlankNode') entry.lines.push(`    <${tag} rdf:nodeID="${o.value}"/>`);
    else if (o.termType === 'Literal') {
      const attr = o.language
        ? ` xml:lang="${o.language}"`
        : o.datatype.value === 'http://www.w3.org/2001/XMLSchema#string'
          ? ''
          : ` rdf:datatype="${xmlText(o.datatype.value)}"`;
      entry.lines.push(`    <${tag}${attr}>${xmlText(o.value)}</${tag}>`);
    }
  }
  const body = [...bySubject.values()].map(({ subject, lines }) => {
    const about =
      subject.termType === 'BlankNode' ? `rdf:nodeID="${subject.value}"` : `rdf:about="${xmlText(subject.value)}"`;
    return `  <rdf:Description ${about}>\n${lines.join('\n')}\n  </rdf:Description>`;
  });
  const xmlns = [...namespaces].map(([ns, p]) => `\n    xmlns:${p}="${xmlText(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${xmlns}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}
