import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate } from '../../i18n/i18n.js';
import { CHECKS } from './monitoring.schema.js';
import type { PlanMonitoring } from './report.service.js';
import type { ScheduleItem } from './schedule.service.js';

const e = encodeURIComponent;
export const monitoringUrls = {
  planPage: (planId: string) => `/rencana-aksi/${e(planId)}/pemantauan`,
  inceptionForm: (planId: string) => `/monitoring/rencana/${e(planId)}/awal`,
  endForm: (ogpId: string) => `/monitoring/komitmen/${e(ogpId)}/akhir`,
  selfForm: (planId: string) => `/monitoring/rencana/${e(planId)}/swa-penilaian`,
  schedule: () => '/monitoring/jadwal',
};

export function statusBadge(ctx: RequestContext, item: Pick<ScheduleItem, 'status' | 'daysLeft'>): SafeHtml {
  const { t } = ctx;
  if (item.status === 'done') return html`<span class="badge ok">${t('monitoring.status.done')}</span>`;
  if (item.status === 'overdue')
    return html`<span class="badge bad">${t('monitoring.status.overdue', { n: -item.daysLeft })}</span>`;
  return html`<span class="badge${item.daysLeft <= 14 ? ' warn' : ''}">${t('monitoring.status.upcoming', { n: item.daysLeft })}</span>`;
}

function itemLink(ctx: RequestContext, item: ScheduleItem, canAssess: boolean, canReport: boolean): SafeHtml {
  const { t } = ctx;
  if (item.status === 'done') return html``;
  if (item.kind === 'inception' && canAssess)
    return html`<a href="${monitoringUrls.inceptionForm(item.planId)}">${t('monitoring.fillInception')}</a>`;
  if (item.kind === 'end_of_commitment' && canAssess && item.ogpId)
    return html`<a href="${monitoringUrls.endForm(item.ogpId)}">${t('monitoring.fillEnd')}<span class="sr-only"> ${item.ogpId}</span></a>`;
  if (item.kind === 'self_assessment' && canReport)
    return html`<a href="${monitoringUrls.selfForm(item.planId)}">${t('monitoring.writeSelf')}</a>`;
  if (item.kind === 'page_update') return html`<a href="/rencana-aksi/${item.planId}">${t('monitoring.openPlan')}</a>`;
  return html``;
}

export function renderScheduleTable(
  ctx: RequestContext,
  items: ScheduleItem[],
  o: { showPlan: boolean; canAssess: boolean; canReport: boolean; caption: string },
): SafeHtml {
  const { t, locale } = ctx;
  if (!items.length) return html`<p>${t('monitoring.nothingDue')}</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${o.caption}"><table><caption>${o.caption}</caption>
<thead><tr>${o.showPlan ? html`<th scope="col">${t('monitoring.plan')}</th>` : ''}<th scope="col">${t('monitoring.obligation')}</th>
<th scope="col">${t('monitoring.basis')}</th><th scope="col">${t('monitoring.dueDate')}</th>
<th scope="col">${t('monitoring.statusCol')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${items.map(
    (
      i,
    ) => html`<tr>${o.showPlan ? html`<td><a href="${monitoringUrls.planPage(i.planId)}">${i.planTitle}</a></td>` : ''}
<th scope="row">${t(`monitoring.kind.${i.kind}`)}${i.ogpId ? html` — <a href="/komitmen/${i.ogpId}">${i.ogpId}</a> ${i.commitmentTitle}` : ''}</th>
<td>${t(`monitoring.basis.${i.kind}`)}: ${formatDate(locale, i.basisDate)}</td><td><time datetime="${i.dueDate}">${formatDate(locale, i.dueDate)}</time></td>
<td>${statusBadge(ctx, i)}</td><td>${itemLink(ctx, i, o.canAssess, o.canReport)}</td></tr>`,
  )}</tbody></table></div>`;
}

const yesNo = (ctx: RequestContext, v: boolean) =>
  v
    ? html`<span class="badge ok">${ctx.t('common.yes')}</span>`
    : html`<span class="badge bad">${ctx.t('common.no')}</span>`;

/** Beside a check answered "met" against the platform's records: the monitor confirmed it. */
const confirmedBadge = (ctx: RequestContext) =>
  html` <span class="badge warn">${ctx.t('monitoring.confirmedAgainst')}</span>`;

const draftBadge = (ctx: RequestContext) => html` <span class="badge warn">${ctx.t('monitoring.draft')}</span>`;

const OPENED_GOV = ['accessInfo', 'civicParticipation', 'publicAccountability'] as const;

function openedGovernment(ctx: RequestContext, lens: (typeof OPENED_GOV)[number], value: string | null | undefined) {
  const { t } = ctx;
  if (!value) return '';
  return html`<dt>${t('monitoring.openedGov', { value: t(`monitoring.lens.${lens}`) })}</dt><dd>${t(`monitoring.og.${value}`)}</dd>`;
}

/** How late a published review was against its due date: a public "on time" claim, or how many days late. */
function lateness(ctx: RequestContext, r: { dueDate: string | null; daysLate: number | null }): SafeHtml {
  const { t, locale } = ctx;
  if (r.daysLate === null || !r.dueDate) return html``;
  const date = html`<time datetime="${r.dueDate}">${formatDate(locale, r.dueDate)}</time>`;
  return r.daysLate > 0
    ? html`<p><span class="badge bad">${t('monitoring.late', { n: r.daysLate })}</span> ${t('monitoring.dueWas')} ${date}</p>`
    : html`<p><span class="badge ok">${t('monitoring.onTime')}</span> ${t('monitoring.dueWas')} ${date}</p>`;
}

function fileItem(f: { url: string; fileName: string; sizeBytes: number; sha256: string }): SafeHtml {
  const size = Math.ceil(f.sizeBytes / 1024);
  return html`<li><a href="${f.url}">${f.fileName}</a> <span class="muted">(${size} KB · SHA-256 <code>${f.sha256.slice(0, 12)}…</code>)</span></li>`;
}

function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => html`<p>${p}</p>`)}`;
}

export function renderPlanMonitoring(
  ctx: RequestContext,
  data: PlanMonitoring,
  o: { canAssess: boolean; canReport: boolean },
): SafeHtml {
  const { t, locale } = ctx;
  const inc = data.inception;
  const lastUpdate = data.lastPublicUpdate
    ? html`<time datetime="${data.lastPublicUpdate}">${formatDate(locale, data.lastPublicUpdate, true)}</time>`
    : '—';
  const inceptionLink = o.canAssess
    ? html`<a class="button secondary" href="${monitoringUrls.inceptionForm(data.planId)}">${t('monitoring.fillInception')}</a> `
    : '';
  const selfLink = o.canReport
    ? html`<a class="button secondary" href="${monitoringUrls.selfForm(data.planId)}">${t('monitoring.writeSelf')}</a>`
    : '';
  const schedule = renderScheduleTable(ctx, data.schedule, {
    showPlan: false,
    canAssess: o.canAssess,
    canReport: o.canReport,
    caption: t('monitoring.calendarCaption'),
  });
  const inceptionStatus = inc?.published
    ? html`<p class="muted">${t('monitoring.publishedOn', { date: formatDate(locale, inc.publishedAt) })}</p>${lateness(ctx, inc)}`
    : html`<p><span class="badge warn">${t('monitoring.draft')}</span></p>`;
  return html`<h1>${t('monitoring.pageTitle', { title: data.planTitle })}</h1>
<p class="lead">${t('monitoring.pageIntro')}</p>
<p>${t('monitoring.lastUpdate')}: ${lastUpdate}</p>
${o.canAssess || o.canReport ? html`<p>${inceptionLink}${selfLink}</p>` : ''}
<section aria-labelledby="cal-h"><h2 id="cal-h">${t('monitoring.calendar')}</h2>
${schedule}</section>
<section aria-labelledby="inc-h"><h2 id="inc-h">${t('monitoring.inception')}</h2>
${
  inc
    ? html`${inceptionStatus}
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('monitoring.checksCaption')}"><table>
<caption>${t('monitoring.checksCaption')}</caption>
<thead><tr><th scope="col">${t('monitoring.check')}</th><th scope="col">${t('monitoring.met')}</th>
<th scope="col">${t('monitoring.evidenceNote')}</th></tr></thead>
<tbody>${CHECKS.map(
        (k) => html`<tr><th scope="row">${t(`monitoring.check.${k}`)}</th>
<td>${yesNo(ctx, inc.checks[k].met)}${inc.checks[k].confirmedAgainstPlatform ? confirmedBadge(ctx) : ''}</td>
<td>${inc.checks[k].note}</td></tr>`,
      )}</tbody></table></div>
${inc.summary ? paragraphs(inc.summary) : ''}
${
  inc.commitments.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('monitoring.commitmentsCaption')}"><table>
<caption>${t('monitoring.commitmentsCaption')}</caption>
<thead><tr><th scope="col">${t('monitoring.commitment')}</th><th scope="col">${t('monitoring.verifiable')}</th>
<th scope="col">${t('monitoring.lens')}</th><th scope="col">${t('monitoring.potential')}</th>
<th scope="col">${t('monitoring.note')}</th></tr></thead>
<tbody>${inc.commitments.map(
        (
          c,
        ) => html`<tr><th scope="row"><a href="/komitmen/${c.ogpId}">${c.ogpId}</a> ${c.title}</th><td>${yesNo(ctx, c.verifiable)}</td>
<td>${
          (['accessInfo', 'civicParticipation', 'publicAccountability', 'technology'] as const)
            .filter((l) => c.lenses[l])
            .map((l) => t(`monitoring.lens.${l}`))
            .join(', ') || t('monitoring.lens.none')
        }</td>
<td>${t(`monitoring.potential.${c.potential}`)}</td><td>${c.note}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}`
    : html`<p>${t('monitoring.noInception')}</p>`
}
</section>
<section aria-labelledby="end-h"><h2 id="end-h">${t('monitoring.endAssessments')}</h2>
${
  data.endAssessments.length
    ? data.endAssessments.map(
        (a) => html`<article id="${a.ogpId}" aria-labelledby="end-${a.ogpId}">
<h3 id="end-${a.ogpId}"><a href="/komitmen/${a.ogpId}">${a.ogpId}</a> ${a.title}${a.published ? '' : draftBadge(ctx)}</h3>
<dl class="meta"><dt>${t('monitoring.completion')}</dt><dd>${t(`monitoring.completion.${a.completion}`)}</dd>
${a.earlyResults ? html`<dt>${t('monitoring.earlyResults')}</dt><dd>${t(`monitoring.early.${a.earlyResults}`)}</dd>` : ''}
${OPENED_GOV.map((v) => openedGovernment(ctx, v, a.openedGovernment[v]))}
${a.publishedAt ? html`<dt>${t('monitoring.publishedAt')}</dt><dd>${formatDate(locale, a.publishedAt)}</dd>` : ''}</dl>
${lateness(ctx, a)}
${
  a.beforeEndReason
    ? html`<h4>${t('monitoring.beforeEndShown', { date: formatDate(locale, a.commitmentEndDate) })}</h4>${paragraphs(a.beforeEndReason)}`
    : ''
}
<h4>${t('monitoring.lessons')}</h4>${paragraphs(a.lessons)}
${a.files.length ? html`<h4>${t('monitoring.files')}</h4><ul>${a.files.map((f) => fileItem(f))}</ul>` : ''}
</article>`,
      )
    : html`<p>${t('monitoring.noEnd')}</p>`
}
</section>
<section aria-labelledby="self-h"><h2 id="self-h">${t('monitoring.selfAssessments')}</h2>
${
  data.selfAssessments.length
    ? data.selfAssessments.map(
        (s) => html`<article aria-labelledby="self-${s.id}"><h3 id="self-${s.id}">${s.title}</h3>
<p class="muted">${t('monitoring.period')}: ${formatDate(locale, s.periodStart)} – ${formatDate(locale, s.periodEnd)} · ${t(
          'monitoring.publishedOn',
          { date: formatDate(locale, s.publishedAt) },
        )}</p>${paragraphs(s.body)}</article>`,
      )
    : html`<p>${t('monitoring.noSelf')}</p>`
}
</section>`;
}

export function renderDashboard(
  ctx: RequestContext,
  items: ScheduleItem[],
  today: string,
  o: { canAssess: boolean; canReport: boolean },
): SafeHtml {
  const { t, locale } = ctx;
  const open = items.filter((i) => i.status !== 'done');
  const overdue = open.filter((i) => i.status === 'overdue').length;
  const schedule = renderScheduleTable(ctx, open, {
    showPlan: true,
    canAssess: o.canAssess,
    canReport: o.canReport,
    caption: t('monitoring.dashboardCaption'),
  });
  return html`<h1>${t('monitoring.dashboard')}</h1>
<p class="lead">${t('monitoring.dashboardIntro', { date: formatDate(locale, today) })}</p>
<p><strong>${t('monitoring.overdueCount', { n: overdue })}</strong> · ${t('monitoring.openCount', { n: open.length })}</p>
${schedule}
<p class="hint">${t('monitoring.rulesHint')}</p>`;
}
