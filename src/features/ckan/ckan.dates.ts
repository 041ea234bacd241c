import { createHash } from 'node:crypto';

/** CKAN's date format: naive ISO 8601 in UTC with microseconds, e.g. 2026-11-27T16:00:00.123000. */
export function ckanDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace('Z', '000');
}

/** A stable UUID-shaped id for things we key by name (tags), so harvesters see the same id twice. */
export function stableId(kind: string, name: string): string {
  const h = createHash('sha1').update(`${kind}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
