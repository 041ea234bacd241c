/**
 * Dates as the people of the place see them. Timestamps are stored in UTC; calendars (due dates,
 * "shared before the meeting"), lock-out messages and displayed times use the local time zone of
 * the deployment, the `TIME_ZONE` setting (an IANA name, default Asia/Jakarta = WIB, UTC+7).
 *
 * The zone is one per process, set once when the configuration is loaded (config/config.ts):
 * one deployment serves one place, and the date helpers are called from pure rules and views that
 * have no configuration in reach. Each helper also takes the zone as an argument, for tests.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

let processZone = DEFAULT_TIME_ZONE;

/** The IANA name as Intl spells it, or null when Intl does not know the zone. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Sets the process's zone (from TIME_ZONE); an unknown zone is an error. */
export function setTimeZone(name: string): void {
  const zone = canonicalTimeZone(name);
  if (!zone) throw new RangeError(`unknown time zone: ${name}`);
  processZone = zone;
}

export const timeZone = (): string => processZone;

// Intl formatters are slow to build and fast to use: one per zone (and per style) is kept.
const partFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(zone, format);
  }
  return format;
}

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function localParts(instant: Date, zone: string): LocalParts {
  const parts = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return parts as unknown as LocalParts;
}

const toDate = (instant: string | Date) => (typeof instant === 'string' ? new Date(instant) : instant);

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string | Date, zone = processZone): string {
  const p = localParts(toDate(instant), zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's local date. */
export const todayLocal = (now = new Date(), zone = processZone): string => localDate(now, zone);

/** The zone's offset from UTC at that instant, in milliseconds (WIB: +7 h). */
export function zoneOffsetMs(instant: Date, zone = processZone): number {
  const p = localParts(instant, zone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant (ISO, UTC) at which a local date (YYYY-MM-DD) begins. */
export function startOfLocalDay(date: string, zone = processZone): string {
  const midnightUtc = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  // The offset at UTC midnight is right unless the zone changes its clock within those hours;
  // a second look at the first guess settles that.
  let start = midnightUtc - zoneOffsetMs(new Date(midnightUtc), zone);
  start = midnightUtc - zoneOffsetMs(new Date(start), zone);
  return new Date(start).toISOString();
}

/** Indonesia's own abbreviations; other zones use the short name Intl gives them. */
const INDONESIAN_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The zone's label for people: WIB, WITA, WIT, or e.g. "GMT+2", "CET". */
export function zoneLabel(instant: Date = new Date(), zone = processZone): string {
  const own = INDONESIAN_LABELS[zone];
  if (own) return own;
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** "2026-12-03 14:05 WIB": readable in both languages. */
export function localDateTime(instant: string | Date, zone = processZone): string {
  const date = toDate(instant);
  const p = localParts(date, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneLabel(date, zone)}`;
}
