import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { linkedSummary } from '../../views/layout.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import type { z } from 'zod';
import type { PlanRow } from './plan.repository.js';
import type { profileJson } from './plan.schema.js';
import type { CommitmentView, OrgRef } from '../commitment/commitment.repository.js';
import type { IrmCompletion } from '../../rubric/irm-scales.js';
import { NEXT_STATUS, type ProgressGroup, type ReadinessProblem } from './plan.service.js';
import { exampleBadge, irmBadge, progressBar } from './plan.controls.js';
import { progressChartSvg } from './progress-chart.js';
import { renderEarlyClosure, renderStatusForm } from './plan-lifecycle.view.js';
import { renderCorrections } from '../correction/correction.view.js';
import type { DateCorrection } from '../correction/correction.service.js';
import { planUrls } from './plan.urls.js';
import { feedAnchor, planFeedUrl } from '../feed/feed.links.js';
import { contentBlock, contentText, contentTitle, localText, parseTranslations } from '../../i18n/content-language.js';

type Profile = z.infer<typeof profileJson>;
interface PlanListItem {
  plan: PlanRow;
  views: CommitmentView[];
  progress: { percent: number; completion: IrmCompletion };
}

const para = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => html`<p>${p}</p>`);

export function renderProfile(ctx: RequestContext, p: Profile | null, canEdit: boolean): SafeHtml {
  const { t, locale } = ctx;
  if (!p) {
    const edit = canEdit
      ? html`<p><a class="button" href="${planUrls.profileEdit()}">${t('plan.profile.edit')}</a></p>`
      : '';
    return html`<p>${t('plan.profile.none')}</p>${edit}`;
  }
  const contact = p.pointOfContact;
  const contactText = [contact.name, contact.title, contact.organization?.name].filter(Boolean).join(', ') || '—';
  return html`<section aria-labelledby="profile-h"><h2 id="profile-h">${t('plan.profile.title', { name: p.jurisdictionName })}</h2>
<dl class="meta">
  <dt>${t('plan.profile.joinedOn')}</dt><dd>${formatDate(locale, p.joinedOn)}</dd>
  <dt>${t('plan.profile.launchedOn')}</dt><dd>${formatDate(locale, p.launchedOn)}</dd>
  <dt>${t('plan.profile.termEnd')}</dt><dd>${formatDate(locale, p.termEndDate)}</dd>
  <dt>${t('plan.profile.contact')}</dt><dd>${contactText}</dd>
  <dt>${t('plan.profile.monitoring')}</dt><dd>${p.monitoringBody?.name ?? '—'}</dd>
  <dt>${t('plan.profile.forum')}</dt><dd>${p.forum.name || '—'}${p.forum.description ? html`<br><span class="muted">${p.forum.description}</span>` : ''}</dd>
</dl>
${canEdit ? html`<p><a href="${planUrls.profileEdit()}">${t('plan.profile.edit')}</a></p>` : ''}</section>`;
}

export function renderPlansIndex(
  ctx: RequestContext,
  profile: Profile | null,
  plans: PlanListItem[],
  isAdmin: boolean,
): SafeHtml {
  const { t, locale } = ctx;
  const planTitle = (plan: PlanRow) => contentTitle(ctx, plan);
  return html`<h1>${t('plan.index.title')}</h1>
<p class="lead">${t('plan.index.intro')}</p>
${renderProfile(ctx, profile, isAdmin)}
<h2>${t('plan.index.plans')}</h2>
${isAdmin ? html`<p><a class="button" href="${planUrls.planNew()}">${t('plan.new')}</a></p>` : ''}
${
  plans.length
    ? html`<ul class="cards">${plans.map(
        ({ plan, views, progress }) => html`<li class="card">
  <h3><a href="${planUrls.plan(plan.id)}">${planTitle(plan)}</a>${exampleBadge(ctx, plan.is_example)}</h3>
  <p><span class="badge">${t(`plan.status.${plan.status}`)}</span> ${formatDate(locale, plan.period_start)} – ${formatDate(locale, plan.period_end)}</p>
  <p>${t('plan.commitmentCount', { n: formatNumber(locale, views.length) })}</p>
  <p>${progressBar(ctx, progress.percent, t('plan.progressOf', { title: plan.title }))} ${irmBadge(ctx, progress.completion)}</p>
</li>`,
      )}</ul>`
    : html`<p>${t('plan.index.none')}</p>`
}
<p><a href="${planUrls.ideas()}">${t('plan.index.ideasLink')}</a></p>`;
}

function groupTable(
  ctx: RequestContext,
  caption: string,
  keyHeader: string,
  groups: ProgressGroup[],
  href?: (key: string) => string,
): SafeHtml {
  const { t, locale } = ctx;
  const row = (g: ProgressGroup) => {
    const label = href ? html`<a href="${href(g.key)}">${g.label}</a>` : g.label;
    return html`<tr><th scope="row">${label}</th><td class="num">${formatNumber(locale, g.commitments)}</td>
<td class="num">${formatNumber(locale, g.percent)} %</td></tr>`;
  };
  return html`<div class="table-scroll"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${keyHeader}</th><th scope="col" class="num">${t('plan.col.commitments')}</th>
<th scope="col" class="num">${t('plan.col.progress')}</th></tr></thead>
<tbody>${groups.map(row)}</tbody></table></div>`;
}

export interface PlanPageData {
  /** Corrections of the submission date (shown publicly with the original). */
  corrections: DateCorrection[];
  plan: PlanRow;
  leads: OrgRef[];
  views: CommitmentView[];
  progress: { percent: number; completion: IrmCompletion };
  byLead: ProgressGroup[];
  byKelurahan: ProgressGroup[];
  manage: boolean;
  problems: ReadinessProblem[] | null;
  ideaCount: number;
  /** Follow/unfollow form (or a log-in link). */
  follow: SafeHtml;
  /** Staff see a link to the monitoring due-date dashboard. */
  staffDashboard: boolean;
}

/** Links to everything published about the plan: monitoring reports, feed, printable document and exports. */
function renderPlanLinks(ctx: RequestContext, d: PlanPageData): SafeHtml {
  const { t } = ctx;
  const id = d.plan.id;
  const e = encodeURIComponent;
  const printLink = html`<a href="/rencana-aksi/${e(id)}/cetak">${t('plan.links.print')}</a>`;
  const pdfLink = html`<a href="/rencana-aksi/${e(id)}/cetak.pdf" type="application/pdf">${t('plan.links.pdf')}</a>`;
  const csvLink = html`<a href="/api/v1/plans/${e(id)}/commitments.csv" type="text/csv">${t('plan.links.csv')}</a>`;
  const jsonLink = html`<a href="/api/v1/plans/${e(id)}/export.json" type="application/json">${t('plan.links.json')}</a>`;
  return html`<section aria-labelledby="links-h"><h2 id="links-h">${t('plan.links.title')}</h2>
${d.follow}
<ul>
  <li><a href="/rencana-aksi/${e(id)}/pemantauan">${t('plan.links.monitoring')}</a></li>
  <li>${feedAnchor(t, planFeedUrl(id))}</li>
  <li>${printLink} · ${pdfLink}</li>
  <li>${csvLink} · ${jsonLink}</li>
  <li><a href="/forum">${t('plan.links.forum')}</a></li>
  ${d.staffDashboard ? html`<li><a href="/monitoring/jadwal">${t('plan.links.dashboard')}</a></li>` : ''}
</ul></section>`;
}

export function problemHref(p: ReadinessProblem, plan: PlanRow): string {
  if (p.kind === 'idea') return planUrls.idea(p.ref!);
  if (p.kind === 'commitment') return `${planUrls.commitment(p.ref!)}#validasi`;
  if (p.kind === 'endorsement') return `${planUrls.planEdit(plan.id)}#endorsedOn`;
  return planUrls.commitmentNew(plan.id);
}

export function renderPlanPage(ctx: RequestContext, d: PlanPageData): SafeHtml {
  const { t, locale } = ctx;
  const { plan } = d;
  const tr = parseTranslations(plan.translations);
  const block = (original: string, name: string) => contentBlock(ctx, original, tr, name, para);
  const titleOf = (v: CommitmentView) => localText(locale, v.row.title, parseTranslations(v.row.translations), 'title');
  const next = NEXT_STATUS[plan.status];
  const bars = d.views.map((v) => ({ label: `${v.row.ogp_id} ${titleOf(v).text}`, percent: v.percent }));
  const period = t('plan.period', {
    from: formatDate(locale, plan.period_start),
    to: formatDate(locale, plan.period_end),
  });
  const editLink = html`<a href="${planUrls.planEdit(plan.id)}">${t('plan.edit')}</a>`;
  const addCommitmentLink = html`<a href="${planUrls.commitmentNew(plan.id)}">${t('plan.addCommitment')}</a>`;
  const recordIdeaLink = html`<a href="${planUrls.ideaRecord()}?rencana=${plan.id}">${t('idea.record')}</a>`;
  const moderationLink = html`<a href="${planUrls.ideaModeration()}">${t('idea.moderation.title')}</a>`;
  const statusForm = renderStatusForm(ctx, plan, next);
  const commitmentRow = (v: CommitmentView) => {
    const done = v.milestones.filter((m) => m.status === 'complete').length;
    const link = html`<a href="${planUrls.commitment(v.row.ogp_id)}">${contentTitle(ctx, v.row)}</a>`;
    return html`<tr><td>${v.row.ogp_id}</td><th scope="row">${link}${exampleBadge(ctx, v.row.is_example)}</th>
<td>${v.lead?.name ?? '—'}</td><td class="num">${formatNumber(locale, done)}/${formatNumber(locale, v.milestones.length)}</td>
<td class="num">${formatNumber(locale, v.percent)} %</td><td>${irmBadge(ctx, v.completion)}</td></tr>`;
  };
  const kelurahanHref = (k: string) => `/wilayah/${encodeURIComponent(k)}#rencana-aksi`;
  const byKelurahan = d.byKelurahan.length
    ? groupTable(ctx, t('plan.table.byKelurahan'), t('plan.col.kelurahan'), d.byKelurahan, kelurahanHref)
    : html`<p>${t('plan.noKelurahan')}</p>`;
  const cocreation =
    plan.cocreation_start || plan.cocreation_end
      ? `${formatDate(locale, plan.cocreation_start)} – ${formatDate(locale, plan.cocreation_end)}`
      : '—';
  const endorsementNote = plan.endorsement_note
    ? html`<br><span class="muted">${contentText(ctx, plan.endorsement_note, tr, 'endorsementNote')}</span>`
    : '';
  return html`<h1>${contentText(ctx, plan.title, tr, 'title')}${exampleBadge(ctx, plan.is_example)}</h1>
<p><span class="badge">${t(`plan.status.${plan.status}`)}</span> ${period}</p>
${renderEarlyClosure(ctx, plan)}
${renderCorrections(ctx, d.corrections, {
  heading: t('correction.heading'),
  judgedNote: t('plan.submissionJudged', { date: formatDate(locale, d.corrections[0]?.originalValue ?? null) }),
})}
${
  d.manage
    ? html`<section aria-labelledby="manage-h" class="notice"><h2 id="manage-h">${t('plan.manage.title')}</h2>
  ${
    plan.status === 'closed'
      ? html`<p>${t('plan.closedReadOnly')}</p>`
      : html`<p>${editLink} · ${addCommitmentLink} · ${recordIdeaLink} · ${moderationLink}</p>`
  }
  ${
    d.problems && d.problems.length
      ? linkedSummary(
          ctx,
          t('plan.readiness.title', { n: d.problems.length }),
          d.problems.map((p) => ({
            href: problemHref(p, plan),
            message: (p.kind === 'commitment' ? `${p.ref}: ` : '') + t(p.message, p.params),
          })),
        )
      : ''
  }
  ${d.problems && !d.problems.length ? html`<p>${t('plan.readiness.ok')}</p>` : ''}
  ${statusForm}
</section>`
    : ''
}
<section aria-labelledby="progress-h"><h2 id="progress-h">${t('plan.progress')}</h2>
<p>${progressBar(ctx, d.progress.percent, t('plan.progressOf', { title: plan.title }))} ${irmBadge(ctx, d.progress.completion)}</p>
<p class="muted">${t('plan.progressNote')}</p>
${
  d.views.length
    ? html`<figure class="chart">${raw(progressChartSvg(bars, t('plan.chart.title', { title: plan.title }), t('plan.chart.desc')))}</figure>
<div class="table-scroll"><table><caption>${t('plan.table.commitments')}</caption>
<thead><tr><th scope="col">${t('plan.col.id')}</th><th scope="col">${t('plan.col.commitment')}</th><th scope="col">${t('plan.col.lead')}</th>
<th scope="col" class="num">${t('plan.col.milestones')}</th><th scope="col" class="num">${t('plan.col.progress')}</th>
<th scope="col">${t('plan.col.irm')}</th></tr></thead>
<tbody>${d.views.map(commitmentRow)}</tbody></table></div>
${groupTable(ctx, t('plan.table.byLead'), t('plan.col.lead'), d.byLead)}
${byKelurahan}`
    : html`<p>${t('plan.noCommitments')}</p>`
}
</section>
${renderPlanLinks(ctx, d)}
<section aria-labelledby="template-h"><h2 id="template-h">${t('plan.template')}</h2>
<dl class="meta">
  <dt>${t('plan.field.planNumber')}</dt><dd>${plan.plan_number}</dd>
  <dt>${t('plan.field.submittedOn')}</dt><dd>${formatDate(locale, plan.submitted_on)}</dd>
  <dt>${t('plan.field.termEndDate')}</dt><dd>${formatDate(locale, plan.term_end_date)}</dd>
  <dt>${t('plan.field.cocreation')}</dt><dd>${cocreation}</dd>
  <dt>${t('plan.field.leads')}</dt><dd>${d.leads.length ? d.leads.map((o) => o.name).join('; ') : '—'}</dd>
  <dt>${t('plan.field.endorsedOn')}</dt><dd>${formatDate(locale, plan.endorsed_on)}${endorsementNote}</dd>
  <dt>${t('plan.ideas')}</dt><dd><a href="${planUrls.ideas(plan.id)}">${t('plan.ideaCount', { n: formatNumber(locale, d.ideaCount) })}</a></dd>
</dl>
${plan.foreword ? html`<h3>${t('plan.field.foreword')}</h3>${block(plan.foreword, 'foreword')}` : ''}
${plan.strategic_vision ? html`<h3>${t('plan.field.strategicVision')}</h3>${block(plan.strategic_vision, 'strategicVision')}` : ''}
${plan.engagement ? html`<h3>${t('plan.field.engagement')}</h3>${block(plan.engagement, 'engagement')}` : ''}
</section>`;
}
