import type { FastifyInstance } from 'fastify';

/**
 * The documented API as a list of operations, with a request body made from each operation's own
 * JSON schema: the attack tests (route × role matrix, XSS payloads, SQL injection) walk every
 * operation without a hand-written fixture per route, so a new route is covered the day it appears.
 */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. `/api/v1/plans/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  body: Schema | null;
}

export async function documentedOperations(app: FastifyInstance): Promise<Operation[]> {
  const doc = app.swagger() as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Array<{ in: string; name: string }>;
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const m = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) continue;
      const params = op.parameters ?? [];
      ops.push({
        method: m as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  return ops;
}

/** Values a string field may need, by property name: real ids come from `known`. */
export type KnownValues = Record<string, string>;

const CANDIDATES = [
  '2026-01-15',
  '35.77.02.1002',
  'IDMDN0001',
  'contoh-slug',
  'uji@contoh.id',
  'https://contoh.id/dokumen',
  'abc',
  '2026-01-15T08:00:00.000Z',
];

function sampleString(name: string, s: Schema, known: KnownValues, text: string): string {
  if (known[name] !== undefined) return known[name]!;
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T08:00:00.000Z';
  if (s.format === 'email') return 'uji@contoh.id';
  if (s.format === 'uri' || s.format === 'url' || /url$/i.test(name)) return 'https://contoh.id/dokumen';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    if (re.test(text)) return text;
    const hit = [...Object.values(known), ...CANDIDATES].find((c) => re.test(c));
    if (hit) return hit;
  }
  let v = text;
  while (v.length < (s.minLength ?? 0)) v += ` ${text}`;
  return s.maxLength ? v.slice(0, s.maxLength) : v;
}

/**
 * A value that satisfies the schema as far as a generic sampler can: required properties only,
 * enums take their first value, strings take `text` (an attack payload, or plain words) unless a
 * format, pattern or a known id applies.
 */
export function sample(s: Schema | null | undefined, known: KnownValues, text = 'Teks uji coba', name = ''): unknown {
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], known, text, name);
  if (s.allOf) return sample(Object.assign({}, ...s.allOf), known, text, name);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // A partial update (PATCH) requires nothing but refuses an empty body: it gets its first field.
      const keys = s.required?.length ? s.required : Object.keys(s.properties ?? {}).slice(0, 1);
      for (const key of keys) out[key] = sample(s.properties?.[key], known, text, key);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items, known, text, name));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      return sampleString(name, s, known, text);
    default:
      return s.default ?? null;
  }
}

/** The path with its parameters filled from `known` (by parameter name, then `<segment>:<name>`). */
export function fillPath(op: Operation, known: KnownValues, fallback = '00000000-0000-4000-8000-000000000000'): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
    const segment = op.path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
    return encodeURIComponent(known[`${segment}:${name}`] ?? known[name] ?? fallback);
  });
}
