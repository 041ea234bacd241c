/**
 * A tiny RDF model with two writers: JSON-LD (compacted with prefixes in @context) and Turtle.
 * Enough for DCAT: IRIs, typed or language-tagged literals, and nested blank nodes.
 */
export type Term = { iri: string } | { value: string; datatype?: string; lang?: string } | RdfNode;

export interface RdfNode {
  /** Absent for a blank node. */
  id?: string;
  types: string[];
  props: [predicate: string, object: Term][];
}

export const PREFIXES: Record<string, string> = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  adms: 'http://www.w3.org/ns/adms#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
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

// ---------- JSON-LD ----------

function jsonTerm(t: Term): unknown {
  if (isNode(t)) return jsonNode(t);
  if (isIri(t)) return { '@id': t.iri };
  if (t.lang) return { '@value': t.value, '@language': t.lang };
  if (t.datatype) return { '@value': t.value, '@type': t.datatype };
  return t.value;
}

function jsonNode(n: RdfNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (n.id) out['@id'] = n.id;
  if (n.types.length) out['@type'] = n.types.length === 1 ? n.types[0] : n.types;
  for (const [p, o] of n.props) {
    const v = jsonTerm(o);
    if (p in out) {
      const prev = out[p];
      out[p] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else out[p] = v;
  }
  return out;
}

export function toJsonLd(nodes: RdfNode[]): Record<string, unknown> {
  return { '@context': PREFIXES, '@graph': nodes.map(jsonNode) };
}

// ---------- Turtle ----------

/** Escapes a string for a Turtle "…" literal (ECHAR and control characters as \uXXXX). */
export function turtleString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).padStart(4, '0').toUpperCase();
    else out += ch;
  }
  return out + '"';
}

/** An IRI in <…>, with the characters Turtle forbids inside IRIREF percent- or \u-escaped. */
export function turtleIri(value: string): string {
  return (
    '<' +
    value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) =>
      c === ' ' ? '%20' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase(),
    ) +
    '>'
  );
}

function curie(name: string): string {
  const [prefix, local] = name.split(':', 2);
  if (local !== undefined && prefix! in PREFIXES && /^[A-Za-z_][\w-]*$/.test(local)) return name;
  return turtleIri(local !== undefined && prefix! in PREFIXES ? PREFIXES[prefix!] + local : name);
}

function turtleTerm(t: Term, indent: string): string {
  if (isNode(t)) return `[\n${turtleBody(t, indent + '    ')}\n${indent}]`;
  if (isIri(t)) return turtleIri(t.iri);
  if (t.lang) return `${turtleString(t.value)}@${t.lang}`;
  if (t.datatype) return `${turtleString(t.value)}^^${curie(t.datatype)}`;
  return turtleString(t.value);
}

function turtleBody(n: RdfNode, indent: string): string {
  const lines: string[] = [];
  if (n.types.length) lines.push(`${indent}a ${n.types.map(curie).join(', ')}`);
  const grouped = new Map<string, Term[]>();
  for (const [p, o] of n.props) grouped.set(p, [...(grouped.get(p) ?? []), o]);
  for (const [p, objects] of grouped)
    lines.push(`${indent}${curie(p)} ${objects.map((o) => turtleTerm(o, indent)).join(', ')}`);
  return lines.join(' ;\n');
}

export function toTurtle(nodes: RdfNode[]): string {
  const head = Object.entries(PREFIXES)
    .map(([p, ns]) => `@prefix ${p}: <${ns}> .`)
    .join('\n');
  const body = nodes.map((n) => `${n.id ? turtleIri(n.id) : '[]'}\n${turtleBody(n, '    ')} .`).join('\n\n');
  return `${head}\n\n${body}\n`;
}
