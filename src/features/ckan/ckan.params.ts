import { validation } from './ckan.envelope.js';

/** Action parameters: the query string merged with a JSON or form body (the body wins). */
export type CkanParams = Record<string, unknown>;

export function str(p: CkanParams, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function required(p: CkanParams, name: string): string {
  const v = str(p, name);
  if (v === undefined || v.trim() === '') throw validation({ [name]: ['Missing value'] });
  return v.trim();
}

export function int(
  p: CkanParams,
  name: string,
  fallback: number,
  options: { min?: number; max?: number; clamp?: boolean } = {},
): number {
  const raw = str(p, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\s*-?\d+\s*$/.test(raw)) throw validation({ [name]: ['Invalid integer'] });
  let n = Number(raw);
  if (n < (options.min ?? 0)) throw validation({ [name]: [`Must be at least ${options.min ?? 0}`] });
  if (options.max !== undefined && n > options.max) {
    if (!options.clamp) throw validation({ [name]: [`Must be ${options.max} or less`] });
    n = options.max;
  }
  return n;
}

export function bool(p: CkanParams, name: string, fallback: boolean): boolean {
  const v = p[name];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  const s = String(Array.isArray(v) ? v[v.length - 1] : v).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw validation({ [name]: ['Value must be one of: true, false'] });
}

/** A list parameter: repeated keys, a JSON array, or (for convenience) a comma-separated string. */
export function list(p: CkanParams, name: string, options: { comma?: boolean } = {}): string[] {
  const v = p[name];
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.flatMap((x) => list({ x }, 'x', options));
  const s = String(v).trim();
  if (s.startsWith('[')) {
    try {
      const parsed = JSON.parse(s) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      throw validation({ [name]: ['Invalid JSON list'] });
    }
  }
  return options.comma
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [s];
}
