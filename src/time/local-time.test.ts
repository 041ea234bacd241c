import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { formatDate } from '../i18n/i18n.js';
import { sharedAdvance } from '../features/forum/forum.advance.js';
import { dueStatus, inceptionDueDate } from '../features/monitoring/due-dates.js';
import {
  DEFAULT_TIME_ZONE,
  localDate,
  localDateTime,
  setTimeZone,
  startOfLocalDay,
  timeZone,
  todayLocal,
  zoneLabel,
} from './local-time.js';

// 16:30 UTC: 23:30 in Madiun (WIB, UTC+7), already 00:30 the next day in Makassar (WITA, UTC+8).
const EVENING = new Date('2026-12-03T16:30:00Z');

afterEach(() => setTimeZone(DEFAULT_TIME_ZONE));

describe('local dates and times', () => {
  it('takes the local calendar date of an instant in the zone', () => {
    expect(localDate(EVENING, 'Asia/Jakarta')).toBe('2026-12-03');
    expect(localDate(EVENING, 'Asia/Makassar')).toBe('2026-12-04');
    expect(localDate('2026-12-03T02:00:00Z', 'America/New_York')).toBe('2026-12-02');
    expect(todayLocal(EVENING)).toBe('2026-12-03');
  });

  it('finds the instant a local day starts, daylight saving included', () => {
    expect(startOfLocalDay('2026-12-04', 'Asia/Jakarta')).toBe('2026-12-03T17:00:00.000Z');
    expect(startOfLocalDay('2026-12-04', 'Asia/Makassar')).toBe('2026-12-03T16:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/Madrid')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Madrid')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('labels Indonesian zones WIB, WITA and WIT, and others by their short name', () => {
    expect(
      ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'].map((z) => zoneLabel(EVENING, z)),
    ).toEqual(['WIB', 'WIB', 'WITA', 'WIT']);
    expect(zoneLabel(EVENING, 'UTC')).toBe('UTC');
    expect(localDateTime(EVENING, 'Asia/Jakarta')).toBe('2026-12-03 23:30 WIB');
    expect(localDateTime(EVENING, 'Asia/Jayapura')).toBe('2026-12-04 01:30 WIT');
  });
});

describe('the TIME_ZONE setting', () => {
  it('defaults to Asia/Jakarta (WIB): times and calendars as before', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Jakarta');
    expect(timeZone()).toBe('Asia/Jakarta');
    expect(localDateTime(EVENING)).toBe('2026-12-03 23:30 WIB');
    expect(formatDate('en', EVENING.toISOString(), true)).toBe('3 Dec 2026, 23:30');
    expect(dueStatus(inceptionDueDate('2026-10-03'), false, todayLocal(EVENING))).toBe('upcoming');
    expect(sharedAdvance('2026-12-04', EVENING.toISOString()).daysBefore).toBe(1);
  });

  it('with Asia/Makassar, displayed times are an hour later and the calendar turns an hour earlier', () => {
    expect(loadConfig({}, { TIME_ZONE: 'Asia/Makassar' }).timeZone).toBe('Asia/Makassar');
    expect(localDateTime(EVENING)).toBe('2026-12-04 00:30 WITA');
    expect(formatDate('en', EVENING.toISOString(), true)).toBe('4 Dec 2026, 00:30');
    // Due on 3 December: at 23:30 WIB it is still due today; at 00:30 WITA it is overdue.
    expect(dueStatus(inceptionDueDate('2026-10-03'), false, todayLocal(EVENING))).toBe('overdue');
    expect(sharedAdvance('2026-12-04', EVENING.toISOString()).status).toBe('same_day');
    // A calendar date alone is not moved by the zone.
    expect(formatDate('en', '2026-12-03')).toBe('3 Dec 2026');
  });

  it('refuses an unknown zone at start with a clear message', () => {
    expect(() => loadConfig({}, { TIME_ZONE: 'Asia/Madiun' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { TIME_ZONE: 'WIB' })).toThrow(
      /TIME_ZONE: must be an IANA time zone name, e\.g\. Asia\/Jakarta/,
    );
    expect(timeZone()).toBe('Asia/Jakarta');
  });
});
