import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import type { FieldError } from '../../errors.js';
import type { CommitmentView, listIdeasOfCommitment } from './commitment.repository.js';
import { OGP_VALUES } from './commitment.rules.js';
import { parseJsonArray } from './commitment.presenter.js';
import { linkedSummary } from '../../views/layout.js';
import { exampleBadge, irmBadge, progressBar } from '../plan/plan.controls.js';
import { ideaSource } from '../idea/idea.presenter.js';
import { planUrls } from '../plan/plan.urls.js';
import { commitmentFeedUrl, feedAnchor } from '../feed/feed.links.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { contentBlock, contentText, contentTitle, parseTranslations } from '../../i18n/content-language.js';
import type { CommitmentTextField } from './commitment.schema.js';

type IdeaTrail = Awaited<ReturnType<typeof listIdeasOfCommitment>>;

export interface CommitmentPageData {
  view: CommitmentView;
  plan: PlanRow;
  ideas: IdeaTrail;
  kelurahan: Array<{ kode: string; nama: string }>;
  canEdit: boolean;
  canReport: (milestoneResponsibleId: string | null) => boolean;
  problems: FieldError[] | null;
  follow: SafeHtml;
  history: SafeHtml;
  /** The public amendments section (formal changes after submission). */
  amendments: SafeHtml;
  /** Per milestone id: its own version history. */
  milestoneHistory: Map<string, SafeHtml>;
}

const para = (text: string) =>
  text.trim() ? text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : html`<p class="muted">—</p>`;

export function renderCommitmentPage(ctx: RequestContext, d: CommitmentPageData): SafeHtml {
  const { t, locale } = ctx;
  const { view: v, plan } = d;
  const c = v.row;
  const tr = parseTranslations(c.translations);
  const planTitle = contentTitle(ctx, plan);
  const block = (original: string, name: CommitmentTextField) => contentBlock(ctx, original, tr, name, para);
  const values = OGP_VALUES.filter((val) => c[val.column]);
  const sdgs = parseJsonArray<number>(c.sdg_goals);
  const supporting = v.supporting.length
    ? v.supporting.map((o) => `${o.name} (${t(`commitment.orgKind.${o.kind}`)})`).join('; ')
    : '—';
  const progress = progressBar(ctx, v.percent, t('commitment.progressOf', { id: c.ogp_id }));
  const monitoringUrl = `/rencana-aksi/${encodeURIComponent(plan.id)}/pemantauan#${c.ogp_id}`;
  const addMilestoneLink = () => html`<a href="${planUrls.milestoneNew(c.ogp_id)}">${t('commitment.addMilestone')}</a>`;
  const editLinks = () =>
    html`<p><a href="${planUrls.commitmentEdit(c.ogp_id)}">${t('commitment.edit')}</a> · ${addMilestoneLink()}</p>`;
  type Milestone = (typeof v.milestones)[number];
  type Evidence = Milestone['evidence'][number];
  const evidenceItem = (e: Evidence) => {
    const href = e.kind === 'link' ? (e.url ?? '#') : planUrls.evidenceFile(e.id);
    const sizeKb = formatNumber(locale, Math.max(1, Math.round((e.size_bytes ?? 0) / 1024)));
    const kind =
      e.kind === 'file'
        ? ` · ${e.file_name} · ${sizeKb} KB · sha256 ${(e.sha256 ?? '').slice(0, 12)}…`
        : ` · ${t('commitment.link')}`;
    const uploader = e.uploader ? ` · ${t('commitment.uploadedBy', { org: e.uploader.name })}` : '';
    const internal =
      e.visibility === 'internal' ? html` <span class="badge warn">${t('commitment.internal')}</span>` : '';
    return html`<li><a href="${href}">${e.title}</a> <span class="muted">· ${formatDate(locale, e.evidence_date)}${kind}${uploader}</span>${internal}</li>`;
  };
  const milestoneItem = (m: Milestone) => {
    const statusBadge = html`<span class="badge${m.status === 'complete' ? ' ok' : ''}">${t(`commitment.status.${m.status}`)}</span>`;
    const milestoneProgress = progressBar(ctx, m.percent, t('commitment.milestoneProgress', { activity: m.activity }));
    const start = html`<time datetime="${m.start_date ?? ''}">${formatDate(locale, m.start_date)}</time>`;
    const end = html`<time datetime="${m.end_date ?? ''}">${formatDate(locale, m.end_date)}</time>`;
    const evidence = m.evidence.length
      ? html`<ul>${m.evidence.map(evidenceItem)}</ul>`
      : html`<p class="muted">${t('commitment.noEvidence')}</p>`;
    const updateLink = d.canReport(m.responsible_organization_id)
      ? html`<p><a href="${planUrls.milestoneEdit(m.id)}">${t('commitment.updateMilestone', { activity: m.activity })}</a></p>`
      : '';
    const historyLabel = () => t('history.milestoneHistory', { activity: m.activity });
    const history = d.milestoneHistory.get(m.id)
      ? html`<details><summary>${historyLabel()}</summary>${d.milestoneHistory.get(m.id)}</details>`
      : '';
    return html`<li id="milestone-${m.id}">
  <h3>${m.activity}</h3>
  <p>${statusBadge} ${milestoneProgress}</p>
  <dl class="meta">
    <dt>${t('commitment.deliverable')}</dt><dd>${m.deliverable}</dd>
    <dt>${t('commitment.dates')}</dt><dd>${start} – ${end}</dd>
    <dt>${t('commitment.responsible')}</dt><dd>${m.responsible?.name ?? '—'}</dd>
    <dt>${t('commitment.weight')}</dt><dd>${formatNumber(locale, m.weight)}</dd>
    ${m.completed_on ? html`<dt>${t('commitment.completedOn')}</dt><dd>${formatDate(locale, m.completed_on)}</dd>` : ''}
  </dl>
  <h4>${t('commitment.evidence')}</h4>
  ${evidence}
  ${updateLink}
  ${history}
</li>`;
  };
  const ideaItem = (i: (typeof d.ideas)[number]) => {
    const kind = i.response_kind ? ` · ${t(`idea.kind.${i.response_kind}`)}` : '';
    const details = html`· ${ideaSource(t, i)} · ${formatDate(locale, i.received_on)}${kind}`;
    return html`<li><a href="${planUrls.idea(i.id)}">${i.title}</a> <span class="muted">${details}</span></li>`;
  };
  const valuesList = values.length
    ? html`<dl class="meta">${values.map((val) => html`<dt>${t(`commitment.value.${val.key}`)}</dt><dd>${c[val.why] || '—'}</dd>`)}</dl>`
    : html`<p class="muted">—</p>`;
  const budget = c.budget_amount === null ? '—' : `Rp ${formatNumber(locale, c.budget_amount)}`;
  const kelurahanLinks = d.kelurahan.length
    ? d.kelurahan.map((k, i) => html`${i ? ', ' : ''}<a href="/wilayah/${encodeURIComponent(k.kode)}">${k.nama}</a>`)
    : t('commitment.cityWide');
  return html`<h1><span class="muted">${c.ogp_id}</span> ${contentText(ctx, c.title, tr, 'title')}${exampleBadge(ctx, c.is_example)}</h1>
<dl class="meta">
  <dt>${t('commitment.plan')}</dt><dd><a href="${planUrls.plan(plan.id)}">${planTitle}</a></dd>
  <dt>${t('commitment.lead')}</dt><dd>${v.lead?.name ?? '—'}</dd>
  <dt>${t('commitment.supporting')}</dt><dd>${supporting}</dd>
  <dt>${t('commitment.period')}</dt><dd>${c.start_month} – ${c.end_month}</dd>
  <dt>${t('commitment.progress')}</dt><dd>${progress} ${irmBadge(ctx, v.completion)}</dd>
</dl>
${d.follow}
<p class="muted">${feedAnchor(t, commitmentFeedUrl(c.ogp_id))} · <a href="${monitoringUrl}">${t('commitment.monitoringReport')}</a></p>
${d.canEdit ? editLinks() : ''}
${
  d.problems
    ? html`<section id="validasi" aria-labelledby="validasi-h"><h2 id="validasi-h">${t('commitment.validation')}</h2>
  ${
    d.problems.length
      ? linkedSummary(
          ctx,
          t('commitment.validationProblems', { n: d.problems.length }),
          d.problems.map((p) => ({
            href: p.field.startsWith('milestone-') ? `#${p.field}` : `${planUrls.commitmentEdit(c.ogp_id)}#${p.field}`,
            message:
              (p.field.startsWith('milestone-') ? `${String(p.params?.['activity'] ?? '')}: ` : '') +
              t(p.message, p.params),
          })),
        )
      : html`<p>${t('commitment.validationOk')}</p>`
  }</section>`
    : ''
}
<section aria-labelledby="milestones-h"><h2 id="milestones-h">${t('commitment.milestones')}</h2>
${
  v.milestones.length
    ? html`<ol class="timeline">${v.milestones.map(milestoneItem)}</ol>`
    : html`<p>${t('commitment.noMilestones')}</p>`
}
</section>
<section aria-labelledby="trail-h"><h2 id="trail-h">${t('commitment.trail')}</h2>
${d.ideas.length ? html`<ul>${d.ideas.map(ideaItem)}</ul>` : html`<p class="muted">${t('commitment.noIdeas')}</p>`}
</section>
<section aria-labelledby="template-h"><h2 id="template-h">${t('commitment.template')}</h2>
<h3>${t('commitment.field.problem')}</h3>${block(c.problem, 'problem')}
<h3>${t('commitment.field.statusQuo')}</h3>${block(c.status_quo, 'statusQuo')}
<h3>${t('commitment.field.description')}</h3>${block(c.description, 'description')}
<h3>${t('commitment.field.howSolves')}</h3>${block(c.how_solves, 'howSolves')}
<h3>${t('commitment.field.ogpRelevance')}</h3>${block(c.ogp_relevance, 'ogpRelevance')}
<h3>${t('commitment.values')}</h3>
${valuesList}
<dl class="meta">
  <dt>${t('commitment.field.policyArea')}</dt><dd>${c.policy_area || '—'}</dd>
  <dt>${t('commitment.field.sector')}</dt><dd>${c.sector || '—'}</dd>
  <dt>${t('commitment.budget')}</dt><dd>${budget}${c.budget_source ? ` (${c.budget_source})` : ''}</dd>
  <dt>${t('commitment.field.rpjmdLinks')}</dt><dd>${c.rpjmd_links || '—'}</dd>
  <dt>${t('commitment.field.sdgGoals')}</dt><dd>${sdgs.length ? sdgs.map((n) => `SDG ${n}`).join(', ') : '—'}</dd>
  <dt>${t('commitment.field.kelurahanCodes')}</dt><dd>${kelurahanLinks}</dd>
</dl>
</section>
${d.amendments}
${d.history}`;
}
