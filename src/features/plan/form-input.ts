/**
 * Turns an urlencoded form body into the same shape the JSON API takes, so one zod schema
 * validates both: empty strings become null (or are dropped), ticked checkboxes become true,
 * repeated fields become arrays, numeric fields become numbers.
 */
export interface FormSpec {
  arrays?: string[];
  booleans?: string[];
  numbers?: string[];
  /** Fields whose empty value means "none" (null) rather than "missing". */
  nullables?: string[];
}

export function formInput(body: unknown, spec: FormSpec = {}): Record<string, unknown> {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === '_csrf') continue;
    if (spec.arrays?.includes(key)) continue;
    if (spec.booleans?.includes(key)) continue;
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof v !== 'string') continue;
    const trimmed = v.trim();
    if (spec.numbers?.includes(key)) {
      if (trimmed === '') out[key] = spec.nullables?.includes(key) ? null : undefined;
      else out[key] = Number.isFinite(Number(trimmed.replace(',', '.'))) ? Number(trimmed.replace(',', '.')) : trimmed;
    } else if (trimmed === '' && spec.nullables?.includes(key)) out[key] = null;
    else out[key] = v;
  }
  for (const key of spec.arrays ?? []) {
    const value = src[key];
    out[key] = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter((x): x is string => typeof x === 'string' && x !== '');
  }
  for (const key of spec.booleans ?? []) out[key] = src[key] !== undefined && src[key] !== '' && src[key] !== '0' && src[key] !== 'false';
  return out;
}

/** A form's current values as strings, for re-rendering after an error. */
export function formValues(body: unknown): Record<string, string | string[]> {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(src)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
