/**
 * Checks on indicator values that every door shares (form, import, API, derivation). Pure: no
 * database, so the rules are tested on their own and the callers decide what is an error (a bad
 * number, a negative count of people) and what is a warning for the walidata (a kecamatan value
 * that is not the sum of its kelurahan).
 */

/** How a text number is written: Indonesian (1.234,5), English (1,234.5) or read from its shape. */
export const NUMBER_FORMATS = ['auto', 'id', 'en'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

const fail = (message: string): ParsedNumber => ({ ok: false, message });

/** Digits with an optional thousands separator: it must group by three (1.234.567). */
function wholePart(s: string, group: string): string | null {
  if (!s.includes(group)) return /^\d+$/.test(s) ? s : null;
  const parts = s.split(group);
  const [head, ...rest] = parts;
  if (!head || !/^\d{1,3}$/.test(head) || rest.some((p) => !/^\d{3}$/.test(p))) return null;
  return parts.join('');
}

function build(sign: string, body: string, group: string, decimal: string): ParsedNumber {
  const at = body.lastIndexOf(decimal);
  const whole = wholePart(at < 0 ? body : body.slice(0, at), group);
  const frac = at < 0 ? '' : body.slice(at + 1);
  if (whole === null || (at >= 0 && !/^\d+$/.test(frac)) || body.indexOf(decimal) !== at)
    return fail('ivalue.numberFormat');
  return { ok: true, value: Number(`${sign}${whole}${frac ? `.${frac}` : ''}`) };
}

/**
 * Reads a number as people write it. `auto` prefers Indonesian usage: `1.234` is 1234, `2,5` is
 * 2.5, `1.234,5` is 1234.5; English is read only where the shape says so (`1,234.5`, `1,234,567`,
 * `6.39`, whose dot cannot be a thousands separator). `id` and `en` read one convention strictly.
 */
export function parseNumber(input: unknown, format: NumberFormat = 'auto'): ParsedNumber | null {
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : fail('validation.number');
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') return fail('validation.number');
  const compact = input.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const m = /^([-+\u2212]?)([\d.,]+)$/.exec(compact);
  if (!m || !/\d/.test(m[2]!)) return fail('validation.number');
  const sign = m[1] === '' || m[1] === '+' ? '' : '-';
  const body = m[2]!;
  if (format === 'id') return build(sign, body, '.', ',');
  if (format === 'en') return build(sign, body, ',', '.');
  const dot = body.lastIndexOf('.');
  const comma = body.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? build(sign, body, ',', '.') : build(sign, body, '.', ',');
  if (comma >= 0) return body.indexOf(',') !== comma ? build(sign, body, ',', '.') : build(sign, body, '.', ',');
  if (dot >= 0 && body.indexOf('.') === dot && !/^[1-9]\d{0,2}\.\d{3}$/.test(body)) return build(sign, body, ',', '.');
  return build(sign, body, '.', ',');
}

/** A count of people is a whole number of at least zero. */
export function countProblem(value: number): string | null {
  if (value < 0) return 'ivalue.negativeCount';
  if (!Number.isInteger(value)) return 'ivalue.fractionalCount';
  return null;
}

export interface CheckedValue {
  sourceId: string;
  wilayahKode: string;
  period: string;
  value: number;
}

export interface Area {
  kode: string;
  kode_induk: string | null;
}

export interface SumWarning {
  /** `mismatch`: every child has a value and they do not add up; `exceeds`: the children present already exceed it. */
  kind: 'mismatch' | 'exceeds';
  sourceId: string;
  period: string;
  wilayahKode: string;
  parentValue: number;
  childSum: number;
  children: number;
  childrenTotal: number;
}

/**
 * Parents whose value is not the sum of their children (kota vs its kecamatan, kecamatan vs its
 * kelurahan), per source and period. A warning, not an error: people not allocated to an area
 * are a real difference, which the producer explains in a note.
 */
export function sumWarnings(values: CheckedValue[], areas: Area[]): SumWarning[] {
  const children = new Map<string, string[]>();
  for (const a of areas) if (a.kode_induk) children.set(a.kode_induk, [...(children.get(a.kode_induk) ?? []), a.kode]);
  const groups = new Map<string, Map<string, number>>();
  for (const v of values) {
    const key = `${v.sourceId}\u0000${v.period}`;
    if (!groups.has(key)) groups.set(key, new Map());
    groups.get(key)!.set(v.wilayahKode, v.value);
  }
  const out: SumWarning[] = [];
  for (const [key, byKode] of groups) {
    const [sourceId, period] = key.split('\u0000') as [string, string];
    for (const [kode, parentValue] of byKode) {
      const kids = children.get(kode) ?? [];
      const present = kids.filter((k) => byKode.has(k));
      if (!present.length) continue;
      const childSum = present.reduce((s, k) => s + byKode.get(k)!, 0);
      // Rounded sums of decimals differ in the last places; a tolerance keeps those quiet.
      const differs = Math.abs(childSum - parentValue) > 1e-6 * Math.max(1, Math.abs(parentValue));
      const complete = present.length === kids.length;
      if (complete ? differs : childSum > parentValue && differs) {
        out.push({
          kind: complete ? 'mismatch' : 'exceeds',
          sourceId,
          period,
          wilayahKode: kode,
          parentValue,
          childSum,
          children: present.length,
          childrenTotal: kids.length,
        });
      }
    }
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || a.wilayahKode.localeCompare(b.wilayahKode));
}
