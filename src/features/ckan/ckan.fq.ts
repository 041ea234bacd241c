import type { Clause, SortKey, TermField } from '../catalog/catalog.query.js';
import { ckanDate } from './ckan.dates.js';

/** A query CKAN would send to Solr that we cannot read (CKAN answers these with 400 Search Query Error). */
export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

const TERM_FIELDS: Record<string, TermField> = {
  organization: 'organization',
  owner_org: 'owner_org',
  groups: 'groups',
  group: 'groups',
  tags: 'tags',
  tag: 'tags',
  res_format: 'res_format',
  license_id: 'license_id',
  license: 'license_id',
  wilayah: 'wilayah',
  kode_wilayah: 'wilayah',
  name: 'name',
  id: 'id',
};
const DATE_FIELDS = new Set(['metadata_modified', 'metadata_created']);
const TEXT_FIELDS = new Set(['text', 'title', 'notes', 'q']);
/** Fields every published dataset has with this value (so the clause is always true). */
const CONSTANT_FIELDS: Record<string, string[]> = {
  dataset_type: ['dataset'],
  type: ['dataset'],
  state: ['active'],
  capacity: ['public'],
  private: ['false'],
};

type Token =
  | { t: 'op'; v: 'AND' | 'OR' | 'NOT' }
  | { t: '(' }
  | { t: ')' }
  | {
      t: 'term';
      field: string | null;
      value: string | string[] | { from: string; to: string };
      sign: '' | '-' | '+';
      quoted: boolean;
    };

function readValue(s: string, i: number): { value: string; end: number; quoted: boolean } {
  if (s[i] === '"') {
    let out = '';
    let j = i + 1;
    for (; j < s.length && s[j] !== '"'; j++) out += s[j] === '\\' && j + 1 < s.length ? s[++j] : s[j];
    if (j >= s.length) throw new SearchQueryError('unterminated quoted value');
    return { value: out, end: j + 1, quoted: true };
  }
  let out = '';
  let j = i;
  for (; j < s.length && !/[\s()]/.test(s[j]!); j++) out += s[j] === '\\' && j + 1 < s.length ? s[++j] : s[j];
  return { value: out, end: j, quoted: false };
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c });
      i++;
      continue;
    }
    if (s.startsWith('&&', i)) {
      tokens.push({ t: 'op', v: 'AND' });
      i += 2;
      continue;
    }
    if (s.startsWith('||', i)) {
      tokens.push({ t: 'op', v: 'OR' });
      i += 2;
      continue;
    }
    const op = /^(AND|OR|NOT)(?=[\s(]|$)/.exec(s.slice(i));
    if (op) {
      tokens.push({ t: 'op', v: op[1] as 'AND' | 'OR' | 'NOT' });
      i += op[1]!.length;
      continue;
    }
    let sign: '' | '-' | '+' = '';
    if ((c === '-' || c === '+' || c === '!') && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      sign = c === '+' ? '+' : '-';
      i++;
    }
    const fieldMatch = /^([A-Za-z_][\w.]*|\*):/.exec(s.slice(i));
    let field: string | null = null;
    if (fieldMatch) {
      field = fieldMatch[1]!;
      i += fieldMatch[0].length;
    }
    if (field !== null && (s[i] === '[' || s[i] === '{')) {
      const close = s[i] === '[' ? ']' : '}';
      const end = s.indexOf(close, i);
      if (end < 0) throw new SearchQueryError('unterminated range');
      const m = /^\s*(\S+)\s+TO\s+(\S+)\s*$/.exec(s.slice(i + 1, end));
      if (!m) throw new SearchQueryError('a range reads [from TO to]');
      tokens.push({ t: 'term', field, value: { from: m[1]!, to: m[2]! }, sign, quoted: false });
      i = end + 1;
      continue;
    }
    if (field !== null && s[i] === '(') {
      const end = s.indexOf(')', i);
      if (end < 0) throw new SearchQueryError('unbalanced parentheses');
      const values: string[] = [];
      let j = i + 1;
      while (j < end) {
        if (/\s/.test(s[j]!)) {
          j++;
          continue;
        }
        const v = readValue(s.slice(0, end), j);
        if (v.value !== 'OR' || v.quoted) if (v.value !== 'AND' || v.quoted) values.push(v.value);
        j = Math.max(v.end, j + 1);
      }
      tokens.push({ t: 'term', field, value: values, sign, quoted: false });
      i = end + 1;
      continue;
    }
    const v = readValue(s, i);
    if (v.value === '' && !v.quoted) {
      i = Math.max(v.end, i + 1);
      continue;
    }
    tokens.push({ t: 'term', field, value: v.value, sign, quoted: v.quoted });
    i = v.end;
  }
  return tokens;
}

const UNITS: Record<string, (d: Date, n: number) => void> = {
  YEAR: (d, n) => d.setUTCFullYear(d.getUTCFullYear() + n),
  MONTH: (d, n) => d.setUTCMonth(d.getUTCMonth() + n),
  DAY: (d, n) => d.setUTCDate(d.getUTCDate() + n),
  HOUR: (d, n) => d.setUTCHours(d.getUTCHours() + n),
  MINUTE: (d, n) => d.setUTCMinutes(d.getUTCMinutes() + n),
  SECOND: (d, n) => d.setUTCSeconds(d.getUTCSeconds() + n),
};

/** A Solr date bound (ISO 8601, `*`, or NOW with date math) as a stored CKAN date string, or null for open. */
export function solrDate(text: string, now = new Date()): string | null {
  if (text === '*') return null;
  const m =
    /^(NOW|\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?)((?:[+-]\d+[A-Z]+)*)(?:\/([A-Z]+))?$/.exec(
      text,
    );
  const base = m?.[1] === 'NOW' ? new Date(now) : new Date(m?.[1] ?? text);
  if (!m || Number.isNaN(base.getTime())) throw new SearchQueryError(`cannot read date "${text.slice(0, 40)}"`);
  for (const step of m[2]!.matchAll(/([+-]\d+)([A-Z]+?)S?(?=[+-]|$)/g)) {
    const unit = UNITS[step[2]!];
    if (!unit) throw new SearchQueryError(`unknown date unit "${step[2]}"`);
    unit(base, Number(step[1]));
  }
  if (m[3] === 'DAY') base.setUTCHours(0, 0, 0, 0);
  return ckanDate(base.toISOString());
}

function termClause(tok: Extract<Token, { t: 'term' }>): Clause {
  const negate = tok.sign === '-';
  const { field, value } = tok;
  if (field === null || TEXT_FIELDS.has(field)) {
    if (typeof value === 'string')
      return value === '*' ? { kind: 'all', negate } : { kind: 'text', text: value, negate };
    if (Array.isArray(value))
      return { kind: 'any', clauses: value.map((v) => ({ kind: 'text' as const, text: v, negate: false })), negate };
    throw new SearchQueryError('a range needs a date field');
  }
  if (field === '*') return { kind: 'all', negate };
  if (DATE_FIELDS.has(field)) {
    const f = field as 'metadata_modified' | 'metadata_created';
    if (typeof value === 'object' && !Array.isArray(value))
      return { kind: 'range', field: f, from: solrDate(value.from), to: solrDate(value.to), negate };
    if (typeof value === 'string') {
      if (value === '*') return { kind: 'all', negate };
      const d = solrDate(value);
      return { kind: 'range', field: f, from: d, to: d, negate };
    }
    throw new SearchQueryError(`cannot read ${field}`);
  }
  const constant = CONSTANT_FIELDS[field];
  if (constant) {
    const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    const hit = values.some((v) => v === '*' || constant.includes(v.toLowerCase()));
    return { kind: 'all', negate: hit ? negate : !negate };
  }
  const term = TERM_FIELDS[field];
  if (!term) throw new SearchQueryError(`unknown field "${field.slice(0, 40)}"`);
  if (typeof value === 'object' && !Array.isArray(value))
    throw new SearchQueryError(`a range is only allowed on dates, not on ${field}`);
  let values = Array.isArray(value) ? value : [value];
  if (term === 'res_format') values = values.map((v) => v.toUpperCase());
  return { kind: 'term', field: term, values, negate };
}

/**
 * Reads a Solr-style query (`q` or `fq`) into catalogue clauses: `field:value`, `-field:value`,
 * `field:"quoted value"`, `field:(a OR b)`, `a OR b`, AND/NOT, `metadata_modified:[2024-01-01T00:00:00Z TO *]`
 * and free words (full text). Juxtaposed clauses must all hold.
 */
export function parseSolrQuery(text: string): Clause[] {
  const tokens = tokenize(text);
  let pos = 0;
  const parseOr = (): Clause[] => {
    const alternatives: Clause[][] = [parseAnd()];
    while (pos < tokens.length && tokens[pos]!.t === 'op' && (tokens[pos] as { v: string }).v === 'OR') {
      pos++;
      alternatives.push(parseAnd());
    }
    if (alternatives.length === 1) return alternatives[0]!;
    return [
      {
        kind: 'any',
        negate: false,
        clauses: alternatives.map((a) =>
          a.length === 1
            ? a[0]!
            : { kind: 'any', negate: true, clauses: a.map((c) => ({ ...c, negate: !c.negate }) as Clause) },
        ),
      },
    ];
  };
  const parseAnd = (): Clause[] => {
    const out: Clause[] = [];
    let negateNext = false;
    while (pos < tokens.length) {
      const tok = tokens[pos]!;
      if (tok.t === ')') break;
      if (tok.t === 'op') {
        if (tok.v === 'OR') break;
        if (tok.v === 'NOT') negateNext = !negateNext;
        pos++;
        continue;
      }
      pos++;
      let clauses: Clause[];
      if (tok.t === '(') {
        clauses = parseOr();
        if (tokens[pos]?.t !== ')') throw new SearchQueryError('unbalanced parentheses');
        pos++;
        // NOT (a AND b) = (NOT a) OR (NOT b).
        if (negateNext)
          clauses = [
            { kind: 'any', negate: false, clauses: clauses.map((c) => ({ ...c, negate: !c.negate }) as Clause) },
          ];
      } else {
        const c = termClause(tok);
        clauses = [negateNext ? ({ ...c, negate: !c.negate } as Clause) : c];
      }
      negateNext = false;
      out.push(...clauses);
    }
    return out;
  };
  const clauses = parseOr();
  if (pos < tokens.length) throw new SearchQueryError('unbalanced parentheses');
  return mergeText(clauses);
}

/** Adjacent free words become one full-text clause ("air bersih" → both words). */
function mergeText(clauses: Clause[]): Clause[] {
  const words = clauses.filter((c): c is Extract<Clause, { kind: 'text' }> => c.kind === 'text' && !c.negate);
  const rest = clauses.filter((c) => !(c.kind === 'text' && !c.negate));
  return words.length > 1
    ? [...rest, { kind: 'text', text: words.map((w) => w.text).join(' '), negate: false }]
    : clauses;
}

const SORT_KEYS: Record<string, SortKey> = {
  score: 'score',
  metadata_modified: 'metadata_modified',
  metadata_created: 'metadata_created',
  title_string: 'title',
  title: 'title',
  name: 'name',
  id: 'id',
};

/** `score desc, metadata_modified desc` → sort keys; unknown fields are a Search Query Error. */
export function parseCkanSort(text: string): { key: SortKey; desc: boolean }[] {
  const out: { key: SortKey; desc: boolean }[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\w+)(?:\s+(asc|desc))?$/i.exec(part);
    const key = m ? SORT_KEYS[m[1]!] : undefined;
    if (!m || !key) throw new SearchQueryError(`cannot sort by "${part.slice(0, 40)}"`);
    out.push({ key, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' });
  }
  return out;
}
