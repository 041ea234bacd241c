import type { Translate } from '../../i18n/i18n.js';
import type { Locale } from '../../i18n/i18n.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';

/** Turns one snapshot value into the words a reader sees (codes → translated labels). */
export type HistoryFormatter = (field: string, value: unknown) => string | null;

const OGP_VALUE_KEYS: Record<string, string> = {
  access_to_information: 'accessInfo',
  civic_participation: 'civicParticipation',
  public_accountability: 'publicAccountability',
  technology_and_innovation: 'technology',
};
const MILESTONE_STATUSES = ['not_started', 'in_progress', 'complete'];
/** Snapshots written before milestones were stored as objects: "1. Activity — status (40 %, 2 bukti)". */
const LEGACY_MILESTONE = /^(\d+)\. (.*) — (not_started|in_progress|complete) \((\d+(?:\.\d+)?) %, (\d+) bukti\)$/s;

interface MilestoneSummary {
  position: number;
  activity: string;
  status: string;
  percent: number;
  evidence: number;
}

function milestoneSummary(value: unknown): MilestoneSummary | null {
  if (value && typeof value === 'object' && 'activity' in value) return value as MilestoneSummary;
  if (typeof value !== 'string') return null;
  const m = LEGACY_MILESTONE.exec(value);
  return m
    ? { position: Number(m[1]), activity: m[2]!, status: m[3]!, percent: Number(m[4]), evidence: Number(m[5]) }
    : null;
}

/**
 * The formatter for commitment and milestone snapshots: statuses, OGP value codes, dates,
 * percentages, SDG numbers and kelurahan codes become words in the reader's language.
 */
export function snapshotFormatter(
  t: Translate,
  locale: Locale,
  kelurahanNames: Map<string, string> = new Map(),
): HistoryFormatter {
  const status = (s: unknown) =>
    typeof s === 'string' && MILESTONE_STATUSES.includes(s) ? t(`commitment.status.${s}`) : String(s);
  const percent = (n: unknown) => (typeof n === 'number' ? `${formatNumber(locale, n)} %` : String(n));
  return (field, value) => {
    if (value === null || value === undefined || value === '') return null;
    switch (field) {
      case 'status':
        return status(value);
      case 'progress':
        return percent(value);
      case 'startDate':
      case 'endDate':
      case 'completedOn':
        return typeof value === 'string' ? formatDate(locale, value) : null;
      case 'ogpValues':
        if (!Array.isArray(value)) return null;
        return value
          .map((v) => {
            const m = /^([a-z_]+): ?(.*)$/s.exec(String(v));
            const key = m ? OGP_VALUE_KEYS[m[1]!] : undefined;
            return key ? `${t(`commitment.value.${key}`)}${m![2] ? `: ${m![2]}` : ''}` : String(v);
          })
          .join('; ');
      case 'sdgGoals':
        return Array.isArray(value) ? value.map((n) => `SDG ${n}`).join(', ') : null;
      case 'kelurahanCodes':
        return Array.isArray(value) ? value.map((k) => kelurahanNames.get(String(k)) ?? String(k)).join(', ') : null;
      case 'milestones':
        if (!Array.isArray(value)) return null;
        return value
          .map((v) => {
            const m = milestoneSummary(v);
            return m
              ? t('history.milestoneSummary', {
                  position: m.position,
                  activity: m.activity,
                  status: status(m.status),
                  percent: formatNumber(locale, m.percent),
                  evidence: formatNumber(locale, m.evidence),
                })
              : String(v);
          })
          .join('; ');
      default:
        return null;
    }
  };
}

/** Every kelurahan code mentioned in a list of snapshots (to look their names up once). */
export function kelurahanCodesIn(snapshots: Array<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  for (const s of snapshots)
    if (Array.isArray(s['kelurahanCodes'])) for (const k of s['kelurahanCodes']) out.add(String(k));
  return [...out];
}
