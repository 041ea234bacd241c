import type { Messages } from './messages.js';
import { timeZone } from '../time/local-time.js';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The merged catalogues. The composition root installs every feature's messages
 * (`installMessages`, src/app/compose.ts) before anything is translated; i18n itself knows no
 * feature. Filled in place, so translators made earlier (at module load) see the messages too.
 */
export const catalogs: Readonly<Record<Locale, Record<string, string>>> = { id: {}, en: {} };

export function installMessages(all: readonly Messages[]): void {
  for (const locale of LOCALES) for (const m of all) Object.assign(catalogs[locale], m[locale]);
}

export function translator(locale: Locale): Translate {
  const primary = catalogs[locale];
  const fallback = catalogs.id;
  return (key, params) => {
    const template = primary[key] ?? fallback[key] ?? key;
    return params
      ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
      : template;
  };
}

const numberFormats = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };

export function formatNumber(locale: Locale, value: number, fractionDigits?: number): string {
  if (fractionDigits === undefined) return numberFormats[locale].format(value);
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatDate(locale: Locale, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    // A date alone is a calendar date (stored as such); a moment is shown in the local zone.
    timeZone: withTime ? timeZone() : 'UTC',
  }).format(date);
}

/**
 * The best of our locales for an `Accept-Language` header (`en-GB,en;q=0.9,id;q=0.5`): the
 * highest q whose primary subtag we have (`*` means any: the fallback), ties to the earlier one;
 * null when nothing acceptable is ours or the header is absent.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale | null {
  if (!header) return null;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...rest] = part.trim().split(';');
    const qParam = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.trim().toLowerCase().split('-')[0];
    const locale = primary === '*' ? fallback : LOCALES.find((l) => l === primary);
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? null;
}
