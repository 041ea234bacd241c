import { AppError } from '../../errors.js';
import type { DatastoreField, FieldType } from '../ingest/ingest.table.js';
import { parsePeriod } from '../ingest/period.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 32000;
export const RECORDS_FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;
export type RecordsFormat = (typeof RECORDS_FORMATS)[number];

export type FilterValue = string | number | boolean | null;

/** A datastore_search request after parsing and validation against the table's fields. */
export interface DatastoreSearch {
  resourceId: string;
  /** column → accepted values (OR); values already converted to the column's storage type. */
  filters: { column: string; values: (string | number | null)[] }[];
  /** Words every row must contain somewhere in `columns` (case-insensitive). */
  q: { columns: string[]; words: string[] }[];
  fields: string[];
  sort: { column: string; desc: boolean }[];
  limit: number;
  offset: number;
  distinct: boolean;
  includeTotal: boolean;
  recordsFormat: RecordsFormat;
  /** The request as the client sent it, to echo back (CKAN does). */
  echo: Record<string, unknown>;
}

/** Raw parameters as they come from a query string, a form or a JSON body. */
export type RawSearchParams = Record<string, unknown>;

export const ID_FIELD: DatastoreField = { id: '_id', label: '_id', type: 'int' };

function bad(
  code: string,
  param: string,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(code, 400, { param, ...params, ...extra }, { param, ...params });
}

function parseJsonish(value: unknown, param: string): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    throw bad('DATASTORE_BAD_PARAM', param);
  }
}

function parseInteger(value: unknown, param: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw bad('DATASTORE_BAD_NUMBER', param);
  return n;
}

export function parseBool(value: unknown, param: string, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const s = String(value).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw bad('DATASTORE_BAD_PARAM', param);
}

/** A filter value converted to how the column stores it; undefined when it cannot match the type. */
export function toStorage(type: FieldType, value: FilterValue): string | number | null | undefined {
  if (value === null) return null;
  const s = String(value).trim();
  switch (type) {
    case 'int':
      return /^-?\d{1,15}$/.test(s) ? Number(s) : undefined;
    case 'float': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      return ['true', '1', 'ya', 'yes', 't'].includes(s.toLowerCase())
        ? 1
        : ['false', '0', 'tidak', 'no', 'f'].includes(s.toLowerCase())
          ? 0
          : undefined;
    case 'period':
      // A filter may name the period as people write it (Januari 2024) or as it is stored (2024-01).
      return parsePeriod(s) ?? s;
    default:
      return String(value);
  }
}

/** Splits "a, b desc, \"Nama Kolom\" asc" into columns and directions. */
export function parseSort(text: string): { name: string; desc: boolean }[] {
  const out: { name: string; desc: boolean }[] = [];
  const re = /\s*(?:"((?:[^"]|"")+)"|([^,\s]+))(?:\s+(asc|desc))?\s*(?:,|$)/giy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < text.length && (m = re.exec(text))) {
    if (m[0] === '') break;
    out.push({
      name: m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!,
      desc: (m[3] ?? '').toLowerCase() === 'desc',
    });
    consumed = re.lastIndex;
  }
  if (consumed < text.trim().length && text.slice(consumed).trim() !== '') throw bad('DATASTORE_BAD_PARAM', 'sort');
  return out;
}

function listOf(value: unknown, param: string): string[] {
  const v = parseJsonish(value, param);
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  throw bad('DATASTORE_BAD_PARAM', param);
}

export interface ParseOptions {
  /** `clamp`: limits above the maximum are lowered to it (CKAN); `reject`: 400 (native API). */
  limitPolicy: 'clamp' | 'reject';
}

/** Validates a request against the table's fields; unknown columns are named in the error. */
export function parseSearchParams(
  raw: RawSearchParams,
  fields: DatastoreField[],
  options: ParseOptions,
): DatastoreSearch {
  const byId = new Map([ID_FIELD, ...fields].map((f) => [f.id, f]));
  const column = (name: string, param: string): DatastoreField => {
    const f = byId.get(name);
    if (!f) throw bad('DATASTORE_UNKNOWN_COLUMN', param, { column: name.slice(0, 100) });
    return f;
  };
  const echo: Record<string, unknown> = {};

  const filtersRaw = parseJsonish(raw['filters'], 'filters');
  const filters: DatastoreSearch['filters'] = [];
  if (filtersRaw !== undefined && filtersRaw !== null && filtersRaw !== '') {
    if (typeof filtersRaw !== 'object' || Array.isArray(filtersRaw)) throw bad('DATASTORE_BAD_PARAM', 'filters');
    echo['filters'] = filtersRaw;
    for (const [name, value] of Object.entries(filtersRaw as Record<string, unknown>)) {
      const f = column(name, 'filters');
      const list = (Array.isArray(value) ? value : [value]) as unknown[];
      if (list.length > 1000) throw bad('DATASTORE_BAD_PARAM', 'filters');
      const values: (string | number | null)[] = [];
      for (const v of list) {
        if (v !== null && typeof v === 'object') throw bad('DATASTORE_BAD_PARAM', 'filters');
        const stored = toStorage(f.type, v as FilterValue);
        if (stored === undefined)
          throw bad('DATASTORE_BAD_VALUE', 'filters', { column: f.id, value: String(v).slice(0, 100) });
        values.push(stored);
      }
      if (values.length) filters.push({ column: f.id, values });
    }
  }

  const textColumns = fields
    .filter((f) => f.type === 'text' || f.type === 'date' || f.type === 'period')
    .map((f) => f.id);
  const words = (s: string) =>
    s
      .split(/\s+/)
      .map((w) => w.trim())
      .filter(Boolean)
      .slice(0, 20);
  const qRaw = parseJsonish(raw['q'], 'q');
  const q: DatastoreSearch['q'] = [];
  if (typeof qRaw === 'string' && qRaw.trim()) {
    echo['q'] = qRaw;
    q.push({ columns: textColumns.length ? textColumns : fields.map((f) => f.id), words: words(qRaw) });
  } else if (qRaw && typeof qRaw === 'object' && !Array.isArray(qRaw)) {
    echo['q'] = qRaw;
    for (const [name, value] of Object.entries(qRaw as Record<string, unknown>)) {
      const f = column(name, 'q');
      if (String(value ?? '').trim()) q.push({ columns: [f.id], words: words(String(value)) });
    }
  } else if (qRaw !== undefined && qRaw !== null && qRaw !== '') throw bad('DATASTORE_BAD_PARAM', 'q');

  const distinct = parseBool(raw['distinct'], 'distinct', false);
  const requested = listOf(raw['fields'], 'fields');
  if (requested.length) echo['fields'] = requested;
  const selected = requested.length
    ? requested.map((n) => column(n, 'fields').id)
    : [...(distinct ? [] : ['_id']), ...fields.map((f) => f.id)];

  const sortRaw = raw['sort'];
  const sortText = Array.isArray(sortRaw) ? sortRaw.map(String).join(',') : typeof sortRaw === 'string' ? sortRaw : '';
  const sort = parseSort(sortText).map((s) => ({ column: column(s.name, 'sort').id, desc: s.desc }));
  if (sortText) echo['sort'] = sortText;
  if (distinct)
    for (const s of sort)
      if (!selected.includes(s.column)) throw bad('DATASTORE_UNKNOWN_COLUMN', 'sort', { column: s.column });

  let limit = parseInteger(raw['limit'], 'limit', DEFAULT_LIMIT);
  if (limit > MAX_LIMIT) {
    if (options.limitPolicy === 'reject') throw bad('DATASTORE_LIMIT', 'limit', { max: MAX_LIMIT });
    limit = MAX_LIMIT;
  }
  const offset = parseInteger(raw['offset'], 'offset', 0);
  const recordsFormat = String(raw['records_format'] ?? 'objects') as RecordsFormat;
  if (!RECORDS_FORMATS.includes(recordsFormat)) throw bad('DATASTORE_BAD_PARAM', 'records_format');
  if (raw['offset'] !== undefined) echo['offset'] = offset;
  if (distinct) echo['distinct'] = true;

  return {
    resourceId: String(raw['resource_id'] ?? raw['id'] ?? ''),
    filters,
    q,
    fields: selected,
    sort,
    limit,
    offset,
    distinct,
    includeTotal: parseBool(raw['include_total'], 'include_total', true),
    recordsFormat,
    echo,
  };
}
