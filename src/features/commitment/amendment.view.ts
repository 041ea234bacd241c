import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import type { AmendmentView } from './amendment.service.js';
import type { FieldChange } from './amendment.changes.js';
import { amendmentUrls } from './amendment.rules.js';

const LABEL_KEYS: Record<string, string> = {
  leadOrganizationId: 'commitment.lead',
  activity: 'commitment.mfield.activity',
  deliverable: 'commitment.mfield.deliverable',
  startDate: 'commitment.mfield.startDate',
  endDate: 'commitment.mfield.endDate',
  responsibleOrganizationId: 'commitment.mfield.responsibleOrganizationId',
  weight: 'commitment.mfield.weight',
};
const labelOf = (ctx: RequestContext, f: string) => ctx.t(LABEL_KEYS[f] ?? `commitment.field.${f}`);

function changeTable(
  ctx: RequestContext,
  caption: string,
  changes: FieldChange[],
  orgs: Map<string, string>,
): SafeHtml {
  const { t } = ctx;
  const show = (v: unknown) =>
    v === null || v === undefined || v === '' ? t('amendment.empty') : (orgs.get(String(v)) ?? String(v));
  return html`<div class="table-scroll"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${t('amendment.col.field')}</th><th scope="col">${t('amendment.col.from')}</th>
<th scope="col">${t('amendment.col.to')}</th></tr></thead>
<tbody>${changes.map(
    (c) => html`<tr><th scope="row">${labelOf(ctx, c.field)}</th><td>${show(c.from)}</td><td>${show(c.to)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** One amendment: number, status, justification, what changed from → to, who proposed and decided when. */
function renderAmendment(
  ctx: RequestContext,
  a: AmendmentView,
  orgs: Map<string, string>,
  decide: ((a: AmendmentView) => SafeHtml) | null,
): SafeHtml {
  const { t, locale } = ctx;
  const r = a.row;
  const n = r.number;
  const decided =
    r.decided_at && r.status !== 'proposed'
      ? html`<p>${t(`amendment.decided.${r.status}`, { date: formatDate(locale, r.decided_at, true), who: a.decidedBy ?? '—' })}</p>`
      : '';
  return html`<article id="amandemen-${n}" class="amendment"><h3>${t('amendment.heading', { n })}
<span class="badge">${t(`amendment.status.${r.status}`)}</span></h3>
<p><strong>${t('amendment.justification')}:</strong> ${r.justification}</p>
<p class="muted">${t('amendment.proposed', { date: formatDate(locale, r.proposed_at, true), who: a.proposedBy ?? '—' })}</p>
${a.changes.fields.length ? changeTable(ctx, t('amendment.changesCaption', { n }), a.changes.fields, orgs) : ''}
${a.changes.milestones.map(
  (m) => html`<h4>${t(`amendment.op.${m.op}`, { activity: m.activity })}</h4>
${m.changes.length ? changeTable(ctx, t(`amendment.op.${m.op}`, { activity: m.activity }), m.changes, orgs) : ''}`,
)}
${decided}
${r.decision_note ? html`<p><strong>${t('amendment.note')}:</strong> ${r.decision_note}</p>` : ''}
${r.history_version ? html`<p class="muted">${t('amendment.version', { v: r.history_version })}</p>` : ''}
${r.status === 'proposed' && decide ? decide(a) : ''}
</article>`;
}

/** The approve and reject forms for the point of contact. */
export function decisionForms(ctx: RequestContext, ogpId: string) {
  return (a: AmendmentView) => {
    const { t } = ctx;
    const n = a.row.number;
    const base = amendmentUrls.one(ogpId, a.row.id);
    return html`<form method="post" action="${base}/setujui">${csrfField(ctx)}
<button type="submit">${t('amendment.approve', { n })}</button></form>
<form method="post" action="${base}/tolak">${csrfField(ctx)}
<div class="field"><label for="note-${n}">${t('amendment.decisionNote')}</label>
<textarea id="note-${n}" name="note" rows="3"></textarea></div>
<button type="submit" class="secondary">${t('amendment.reject', { n })}</button></form>`;
  };
}

/** The public amendments section of a commitment page (and its own page). */
export function renderAmendments(
  ctx: RequestContext,
  o: {
    ogpId: string;
    amendments: AmendmentView[];
    orgs: Map<string, string>;
    canPropose: boolean;
    decide: ((a: AmendmentView) => SafeHtml) | null;
  },
): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="amendments-h" id="amandemen"><h2 id="amendments-h">${t('amendment.title')}</h2>
<p class="hint">${t('amendment.intro')}</p>
${o.canPropose ? html`<p><a class="button secondary" href="${amendmentUrls.propose(o.ogpId)}">${t('amendment.propose')}</a></p>` : ''}
${o.amendments.length ? o.amendments.map((a) => renderAmendment(ctx, a, o.orgs, o.decide)) : html`<p>${t('amendment.none')}</p>`}
</section>`;
}
