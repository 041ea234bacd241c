import type { RequestContext } from '../../http/context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate } from '../../i18n/i18n.js';
import { diffSnapshots, diffWords, isLongText } from './history.diff.js';
import type { EntityVersion } from './history.service.js';

function display(ctx: RequestContext, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no');
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function renderChange(ctx: RequestContext, label: string, before: unknown, after: unknown, isFirst: boolean): SafeHtml {
  const { t } = ctx;
  if (isFirst) return html`<li><strong>${label}:</strong> ${display(ctx, after)}</li>`;
  if (isLongText(before, after)) {
    const parts = diffWords(String(before ?? ''), String(after ?? ''));
    return html`<li><strong>${label}:</strong> <span class="diff">${parts.map((p) =>
      p.kind === 'same' ? p.text
        : p.kind === 'ins' ? html`<ins><span class="sr-only">${t('history.inserted')} </span>${p.text}</ins>`
          : html`<del><span class="sr-only">${t('history.deleted')} </span>${p.text}</del>`)}</span></li>`;
  }
  return html`<li><strong>${label}:</strong> <del><span class="sr-only">${t('history.before')} </span>${display(ctx, before)}</del> → <ins><span class="sr-only">${t('history.after')} </span>${display(ctx, after)}</ins></li>`;
}

/**
 * The version history of one entity, newest first: per version who changed it and when, and each
 * changed field as "old → new" (long texts as word-level insertions and deletions). Only fields
 * named in `fieldLabels` are shown (so internal columns stay out), unless it is empty.
 */
export function renderHistory(ctx: RequestContext, versions: EntityVersion[], fieldLabels: Record<string, string>): SafeHtml {
  const { t, locale } = ctx;
  if (!versions.length) return html`<section class="history" aria-labelledby="history-h"><h2 id="history-h">${t('history.title')}</h2><p>${t('history.none')}</p></section>`;
  const fields = Object.keys(fieldLabels);
  const items = versions.map((v, i) => {
    const isFirst = i === 0;
    const changes = diffSnapshots(isFirst ? null : versions[i - 1]!.snapshot, v.snapshot, fields);
    return html`<li id="versi-${v.version}">
  <p><strong>${t('history.version', { n: v.version })}</strong> · ${t(isFirst ? 'history.createdBy' : 'history.changedBy', { who: v.actorLabel })} · <time datetime="${v.createdAt}">${formatDate(locale, v.createdAt, true)}</time></p>
  ${changes.length
    ? html`<ul>${changes.map((c) => renderChange(ctx, fieldLabels[c.field] ?? c.field, c.before, c.after, isFirst))}</ul>`
    : html`<p class="muted">${t('history.noVisibleChange')}</p>`}
</li>`;
  }).reverse();
  return html`<section class="history" aria-labelledby="history-h"><h2 id="history-h">${t('history.title')}</h2>
<p class="muted">${t('history.count', { n: versions.length })}</p>
<ol reversed>${items}</ol></section>`;
}

const COMMITMENT_FIELDS = ['title', 'problem', 'statusQuo', 'description', 'howSolves', 'ogpRelevance', 'ogpValues', 'policyArea', 'sector', 'period', 'budget', 'rpjmdLinks', 'sdgGoals', 'kelurahanCodes', 'lead', 'supporting', 'milestones', 'progress'];
const MILESTONE_FIELDS = ['activity', 'deliverable', 'startDate', 'endDate', 'responsible', 'weight', 'status', 'progress', 'completedOn', 'evidence'];

/** Translated labels for the fields of commitment and milestone snapshots, ready for renderHistory. */
export function historyFieldLabels(t: RequestContext['t'], kind: 'commitment' | 'milestone'): Record<string, string> {
  return Object.fromEntries((kind === 'commitment' ? COMMITMENT_FIELDS : MILESTONE_FIELDS).map((f) => [f, t(`history.field.${f}`)]));
}
