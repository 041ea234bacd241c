import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate } from '../../i18n/i18n.js';
import { diffSnapshots, diffWords, isLongText } from './history.diff.js';
import type { EntityVersion } from './history.service.js';
import type { HistoryFormatter } from './history.format.js';

export interface HistoryOptions {
  /** Turns codes into words (status, OGP values, dates…); fields it returns null for are shown as they are. */
  format?: HistoryFormatter;
  /** Heading id and level, so several histories can share a page (e.g. one per milestone). */
  id?: string;
  level?: 2 | 3 | 4;
  title?: string;
}

function display(ctx: RequestContext, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no');
  if (Array.isArray(value))
    return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function renderChange(
  ctx: RequestContext,
  field: string,
  label: string,
  before: unknown,
  after: unknown,
  isFirst: boolean,
  format?: HistoryFormatter,
): SafeHtml {
  const { t } = ctx;
  const show = (v: unknown) => format?.(field, v) ?? display(ctx, v);
  if (isFirst) return html`<li><strong>${label}:</strong> ${show(after)}</li>`;
  if (isLongText(before, after) && !format?.(field, after)) {
    const parts = diffWords(String(before ?? ''), String(after ?? ''));
    return html`<li><strong>${label}:</strong> <span class="diff">${parts.map((p) =>
      p.kind === 'same'
        ? p.text
        : p.kind === 'ins'
          ? html`<ins><span class="sr-only">${t('history.inserted')} </span>${p.text}</ins>`
          : html`<del><span class="sr-only">${t('history.deleted')} </span>${p.text}</del>`,
    )}</span></li>`;
  }
  const del = html`<del><span class="sr-only">${t('history.before')} </span>${show(before)}</del>`;
  const ins = html`<ins><span class="sr-only">${t('history.after')} </span>${show(after)}</ins>`;
  return html`<li><strong>${label}:</strong> ${del} → ${ins}</li>`;
}

/**
 * The version history of one entity, newest first: per version who changed it and when, and each
 * changed field as "old → new" (long texts as word-level insertions and deletions). Only fields
 * named in `fieldLabels` are shown (so internal columns stay out), unless it is empty.
 */
export function renderHistory(
  ctx: RequestContext,
  versions: EntityVersion[],
  fieldLabels: Record<string, string>,
  opts: HistoryOptions = {},
): SafeHtml {
  const { t, locale } = ctx;
  const hid = opts.id ?? 'history-h';
  const title = opts.title ?? t('history.title');
  const heading =
    opts.level === 3
      ? html`<h3 id="${hid}">${title}</h3>`
      : opts.level === 4
        ? html`<h4 id="${hid}">${title}</h4>`
        : html`<h2 id="${hid}">${title}</h2>`;
  if (!versions.length)
    return html`<section class="history" aria-labelledby="${hid}">${heading}<p>${t('history.none')}</p></section>`;
  const fields = Object.keys(fieldLabels);
  const items = versions
    .map((v, i) => {
      const isFirst = i === 0;
      const changes = diffSnapshots(isFirst ? null : versions[i - 1]!.snapshot, v.snapshot, fields);
      const by = t(isFirst ? 'history.createdBy' : 'history.changedBy', { who: v.actorLabel });
      const when = html`<time datetime="${v.createdAt}">${formatDate(locale, v.createdAt, true)}</time>`;
      return html`<li id="${opts.id ? `${opts.id}-` : ''}versi-${v.version}">
  <p><strong>${t('history.version', { n: v.version })}</strong> · ${by} · ${when}</p>
  ${
    changes.length
      ? html`<ul>${changes.map((c) => renderChange(ctx, c.field, fieldLabels[c.field] ?? c.field, c.before, c.after, isFirst, opts.format))}</ul>`
      : html`<p class="muted">${t('history.noVisibleChange')}</p>`
  }
</li>`;
    })
    .reverse();
  return html`<section class="history" aria-labelledby="${hid}">${heading}
<p class="muted">${t('history.count', { n: versions.length })}</p>
<ol reversed>${items}</ol></section>`;
}

export const COMMITMENT_FIELDS = [
  'title',
  'problem',
  'statusQuo',
  'description',
  'howSolves',
  'ogpRelevance',
  'ogpValues',
  'policyArea',
  'sector',
  'period',
  'budget',
  'rpjmdLinks',
  'sdgGoals',
  'kelurahanCodes',
  'lead',
  'supporting',
  'milestones',
  'progress',
  'english',
];
export const MILESTONE_FIELDS = [
  'activity',
  'deliverable',
  'startDate',
  'endDate',
  'responsible',
  'weight',
  'status',
  'progress',
  'completedOn',
  'evidence',
];

/** Translated labels for the fields of commitment and milestone snapshots, ready for renderHistory. */
export function historyFieldLabels(t: RequestContext['t'], kind: 'commitment' | 'milestone'): Record<string, string> {
  return Object.fromEntries(
    (kind === 'commitment' ? COMMITMENT_FIELDS : MILESTONE_FIELDS).map((f) => [f, t(`history.field.${f}`)]),
  );
}
