import type { Db } from '../../storage/database.js';
import { isPeopleCount, publicValues } from './indicator-publish.service.js';
import { suppressionThresholdFor } from './indicator.settings.js';
import type { IndicatorRow } from './indicator.service.js';
import { linkedGroup } from './disclosure/group-protection.js';
import { nowIso } from '../../ids.js';
import { queueAfterCommit, warmupsSettled } from './disclosure/warmup-queue.js';

/**
 * The public revision history of an indicator's values: what changed and when (never who: the
 * actor's name stays in the staff history and the audit log). A number that is suppressed now,
 * or ever was, is never shown: each write marks the history entries behind the numbers that are
 * suppressed at that moment (`hidden`), and the page also hides every number of a value that is
 * suppressed now.
 */

/**
 * After a commit that changed values: in the background (disclosure/warmup-queue.ts), the group's
 * protection is computed and stored for every process and the history is marked.
 */
export function afterValuesCommitted(db: Db, indicator: IndicatorRow): void {
  queueAfterCommit(indicator.id, () => markSuppressedHistory(db, indicator));
}

/** `indicator_value_history.hidden`: shown, hidden for good, or not yet checked (hidden meanwhile). */
export const HISTORY_VISIBLE = 0;
export const HISTORY_HIDDEN = 1;
export const HISTORY_UNMARKED = 2;

/**
 * After values were written: every entry of the linked group (a write can change what its
 * breakdowns or total hide) that holds a number suppressed now is marked hidden for good; the
 * other entries that were unmarked when this check began become visible. Entries written while it
 * runs stay unmarked for the job queued after their own commit.
 */
export async function markSuppressedHistory(db: Db, indicator: IndicatorRow): Promise<void> {
  const startedAt = nowIso();
  const group = await linkedGroup(db, indicator);
  const members = await db
    .selectFrom('indicators')
    .selectAll()
    .where(
      'id',
      'in',
      group.indicators.map((i) => i.id),
    )
    .execute();
  for (const member of members) {
    const values = await publicValues(db, member, suppressionThresholdFor(db));
    for (const v of values) {
      if (!v.suppressed) continue;
      await db
        .updateTable('indicator_value_history')
        .set({ hidden: HISTORY_HIDDEN })
        .where('value_id', '=', v.row.id)
        .where('new_value', '=', v.row.value)
        .where('hidden', '!=', HISTORY_HIDDEN)
        .execute();
    }
    await db
      .updateTable('indicator_value_history')
      .set({ hidden: HISTORY_VISIBLE })
      .where('indicator_id', '=', member.id)
      .where('hidden', '=', HISTORY_UNMARKED)
      .where('changed_at', '<', startedAt)
      .execute();
  }
}

export interface HistoryFilter {
  wilayah?: string;
  period?: string;
  source?: string;
}

export interface PublicHistoryEntry {
  wilayahKode: string;
  wilayahNama: string;
  period: string;
  sourceId: string;
  producer: string;
  changedAt: string;
  /** null when there was none (the first figure) or when it is hidden (see `previousSuppressed`). */
  previousValue: number | null;
  previousSuppressed: boolean;
  newValue: number | null;
  newSuppressed: boolean;
  previousStatus: string | null;
  newStatus: string;
  origin: string;
}

/** Newest first. Suppressed numbers come back as null with their flag set. */
export async function publicHistory(
  db: Db,
  indicator: IndicatorRow,
  filter: HistoryFilter = {},
): Promise<PublicHistoryEntry[]> {
  // This process's marking of the last write comes first (the current protection is applied anyway).
  await warmupsSettled(indicator.id);
  let q = db
    .selectFrom('indicator_value_history as h')
    .innerJoin('indicator_values as v', 'v.id', 'h.value_id')
    .innerJoin('wilayah as w', 'w.kode', 'v.wilayah_kode')
    .innerJoin('indicator_sources as s', 's.id', 'v.source_id')
    .select([
      'h.value_id',
      'h.previous_value',
      'h.new_value',
      'h.previous_status',
      'h.new_status',
      'h.origin',
      'h.changed_at',
      'h.hidden',
      'h.id',
      'v.wilayah_kode',
      'v.period',
      'v.source_id',
      'w.nama',
      's.producer',
    ])
    .where('h.indicator_id', '=', indicator.id);
  if (filter.wilayah) q = q.where('v.wilayah_kode', '=', filter.wilayah);
  if (filter.period) q = q.where('v.period', '=', filter.period);
  if (filter.source) q = q.where('v.source_id', '=', filter.source);
  const rows = await q.orderBy('h.value_id').orderBy('h.changed_at').orderBy('h.id').execute();
  const threshold = suppressionThresholdFor(db);
  const suppressedNow = new Set(
    (await publicValues(db, indicator, threshold)).filter((v) => v.suppressed).map((v) => v.row.id),
  );
  // A small count was suppressed whenever it was published, even where no write marked it (seeds, older entries).
  const people = isPeopleCount(indicator);
  const small = (n: number | null) => people && n !== null && n > 0 && n < threshold;
  const out: PublicHistoryEntry[] = [];
  let previousHidden = false;
  rows.forEach((h, i) => {
    const first = i === 0 || rows[i - 1]!.value_id !== h.value_id;
    if (first) previousHidden = false;
    const now = suppressedNow.has(h.value_id);
    const newHidden = now || Number(h.hidden) !== HISTORY_VISIBLE || small(h.new_value);
    // The previous figure is the one the entry before set: hidden if that one was.
    const prevHidden = h.previous_value !== null && (now || previousHidden || small(h.previous_value));
    out.push({
      wilayahKode: h.wilayah_kode,
      wilayahNama: h.nama,
      period: h.period,
      sourceId: h.source_id,
      producer: h.producer,
      changedAt: h.changed_at,
      previousValue: prevHidden ? null : h.previous_value,
      previousSuppressed: prevHidden,
      newValue: newHidden ? null : h.new_value,
      newSuppressed: newHidden,
      previousStatus: h.previous_status,
      newStatus: h.new_status,
      origin: h.origin,
    });
    previousHidden = newHidden;
  });
  return out.sort((a, b) => b.changedAt.localeCompare(a.changedAt));
}
