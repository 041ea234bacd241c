import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { formatDate } from '../../i18n/i18n.js';
import { checkboxes, radioGroup, selectField, str, strs, type Choice } from '../../views/form-controls.js';
import { kelurahanGroups, type KelurahanChoice } from '../wilayah/kelurahan.choices.js';
import { planUrls } from '../plan/plan.urls.js';
import { ideaSource } from './idea.presenter.js';
import type { IdeaRow } from './idea.repository.js';
import { IDEA_THEMES } from './idea.schema.js';
import { RESPONSE_KINDS } from './idea.table.js';
import { contentBlock, englishFieldset, parseTranslations } from '../../i18n/content-language.js';

type Values = Record<string, unknown>;
export type IdeaLinks = Map<string, Array<{ ogp_id: string; title: string }>>;

export const themeChoices = (ctx: RequestContext): Choice[] =>
  IDEA_THEMES.map((th) => ({ value: th, label: ctx.t(`idea.theme.${th}`) }));

function responseBadge(ctx: RequestContext, i: IdeaRow): SafeHtml {
  if (!i.response_kind) return html`<span class="badge warn">${ctx.t('idea.awaitingResponse')}</span>`;
  return html`<span class="badge${i.response_kind === 'not_adopted' ? '' : ' ok'}">${ctx.t(`idea.kind.${i.response_kind}`)}</span>`;
}

export function ideaList(
  ctx: RequestContext,
  ideas: IdeaRow[],
  links: IdeaLinks,
  kelurahan: Map<string, string>,
): SafeHtml {
  const { t, locale } = ctx;
  if (!ideas.length) return html`<p>${t('idea.none')}</p>`;
  return html`<ul class="plain ideas">${ideas.map((i) => {
    const place = i.wilayah_kode ? ` · ${kelurahan.get(i.wilayah_kode) ?? i.wilayah_kode}` : '';
    const ledTo = links.get(i.id) ?? [];
    const ledToLinks = ledTo.map(
      (c, n) => html`${n ? ', ' : ''}<a href="${planUrls.commitment(c.ogp_id)}">${c.ogp_id} ${c.title}</a>`,
    );
    return html`<li id="idea-${i.id}"><h3><a href="${planUrls.idea(i.id)}">${i.title}</a></h3>
<p>${responseBadge(ctx, i)} <span class="muted">${t(`idea.theme.${i.theme}`)} · ${ideaSource(t, i)} · ${formatDate(locale, i.received_on)}${place}</span></p>
${ledTo.length ? html`<p>${t('idea.ledTo')} ${ledToLinks}</p>` : ''}
</li>`;
  })}</ul>`;
}

export function ideaFields(
  ctx: RequestContext,
  v: Values,
  errors: FormError[],
  plans: Choice[],
  kelurahan: KelurahanChoice[],
): SafeHtml {
  const { t } = ctx;
  return html`${selectField(ctx, { name: 'planId', label: t('idea.field.planId'), choices: plans, value: str(v['planId']), required: true, errors })}
${field(ctx, { name: 'title', label: t('idea.field.title'), value: str(v['title']), required: true, errors })}
${field(ctx, {
  name: 'body',
  label: t('idea.field.body'),
  type: 'textarea',
  value: str(v['body']),
  required: true,
  errors,
  hint: t('idea.hint.body'),
})}
${selectField(ctx, {
  name: 'theme',
  label: t('idea.field.theme'),
  choices: themeChoices(ctx),
  value: str(v['theme']),
  required: true,
  errors,
  empty: '—',
})}
${selectField(ctx, {
  name: 'wilayahKode',
  label: t('idea.field.wilayahKode'),
  groups: kelurahanGroups(t, kelurahan),
  value: str(v['wilayahKode']),
  errors,
  empty: t('idea.wholeCity'),
})}`;
}

export function renderIdeasPage(
  ctx: RequestContext,
  o: {
    ideas: IdeaRow[];
    links: IdeaLinks;
    kelurahan: KelurahanChoice[];
    allPlans: Choice[];
    openPlans: Choice[];
    filter: { plan?: string; theme?: string };
    values: Values;
    errors: FormError[];
    staff: boolean;
  },
): SafeHtml {
  const { t } = ctx;
  const kelMap = new Map(o.kelurahan.map((k) => [k.value, k.label]));
  const recordLink = html`<a href="${planUrls.ideaRecord()}">${t('idea.record')}</a>`;
  const staffLinks = html`<p>${recordLink} · <a href="${planUrls.ideaModeration()}">${t('idea.moderation.title')}</a></p>`;
  return html`<h1>${t('idea.title')}</h1>
<p class="lead">${t('idea.intro')}</p>
${o.staff ? staffLinks : ''}
<section aria-labelledby="submit-h"><h2 id="submit-h">${t('idea.submit')}</h2>
${
  o.openPlans.length
    ? html`${errorSummary(ctx, o.errors)}
<p class="hint">${ctx.user ? t('idea.asRegistered') : t('idea.asAnonymous')}</p>
<form method="post" action="${planUrls.ideas()}" class="stack" novalidate>${csrfField(ctx)}
${ideaFields(ctx, o.values, o.errors, o.openPlans, o.kelurahan)}
${
  ctx.user
    ? ''
    : field(ctx, {
        name: 'email',
        label: t('idea.field.email'),
        type: 'email',
        value: str(o.values['email']),
        errors: o.errors,
        hint: t('idea.hint.email'),
        autocomplete: 'email',
      })
}
<button type="submit">${t('idea.send')}</button></form>`
    : html`<p>${t('idea.noOpenPlan')}</p>`
}
</section>
<section aria-labelledby="list-h"><h2 id="list-h">${t('idea.list')}</h2>
<form method="get" action="${planUrls.ideas()}" class="filters">
${selectField(ctx, {
  name: 'rencana',
  label: t('idea.field.planId'),
  choices: o.allPlans,
  value: o.filter.plan ?? '',
  empty: t('idea.allPlans'),
})}
${selectField(ctx, {
  name: 'tema',
  label: t('idea.field.theme'),
  choices: themeChoices(ctx),
  value: o.filter.theme ?? '',
  empty: t('idea.allThemes'),
})}
<button type="submit" class="secondary">${t('idea.filter')}</button></form>
${ideaList(ctx, o.ideas, o.links, kelMap)}
</section>`;
}

export function renderIdeaPage(
  ctx: RequestContext,
  o: {
    idea: IdeaRow;
    planTitle: string;
    links: Array<{ ogp_id: string; title: string }>;
    kelurahan: string | null;
    manage: boolean;
    responderOrganization: string | null;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const i = o.idea;
  const place = i.wilayah_kode
    ? html`<a href="/wilayah/${encodeURIComponent(i.wilayah_kode)}">${o.kelurahan ?? i.wilayah_kode}</a>`
    : t('idea.wholeCity');
  const ledTo = o.links.map(
    (c) => html`<li><a href="${planUrls.commitment(c.ogp_id)}">${c.ogp_id} ${c.title}</a></li>`,
  );
  const respondLink = () =>
    html`<p><a href="${planUrls.ideaRespond(i.id)}">${t(i.response_kind ? 'idea.changeResponse' : 'idea.giveResponse')}</a></p>`;
  return html`<h1>${i.title}</h1>
<p>${responseBadge(ctx, i)} ${i.moderation !== 'approved' ? html`<span class="badge warn">${t(`idea.moderation.${i.moderation}`)}</span>` : ''}</p>
<dl class="meta">
  <dt>${t('idea.field.planId')}</dt><dd><a href="${planUrls.plan(i.plan_id)}">${o.planTitle}</a></dd>
  <dt>${t('idea.field.theme')}</dt><dd>${t(`idea.theme.${i.theme}`)}</dd>
  <dt>${t('idea.source')}</dt><dd>${ideaSource(t, i)}</dd>
  <dt>${t('idea.receivedOn')}</dt><dd>${formatDate(locale, i.received_on)}</dd>
  <dt>${t('idea.field.wilayahKode')}</dt><dd>${place}</dd>
</dl>
${i.body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
${responseSection(ctx, i, o.responderOrganization)}
${o.links.length && i.response_kind ? html`<p>${t('idea.ledTo')}</p><ul>${ledTo}</ul>` : ''}
${
  o.manage
    ? html`<section aria-labelledby="staff-h" class="notice"><h2 id="staff-h">${t('plan.manage.title')}</h2>
${i.moderation === 'pending' ? moderationButtons(ctx, i.id) : ''}
${i.moderation === 'approved' ? respondLink() : ''}
</section>`
    : ''
}`;
}

/**
 * The reasoned response: its decision, the reason in the reader's language (marked when it falls
 * back to Indonesian), and who answered — from the account, or the typed name of an older answer.
 */
export function responseSection(ctx: RequestContext, i: IdeaRow, organization: string | null): SafeHtml {
  const { t, locale } = ctx;
  if (!i.response_kind)
    return html`<section aria-labelledby="response-h"><h2 id="response-h">${t('idea.response')}</h2><p>${t('idea.noResponseYet')}</p></section>`;
  const translations = parseTranslations(i.response_translations);
  const reason = contentBlock(
    ctx,
    i.response_reason ?? '',
    translations,
    'reason',
    (text) => html`${text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}`,
  );
  const who = [i.responder_name, i.responder_title, organization].filter((x) => !!x).join(', ');
  const note = i.responder_from_account
    ? html`<span class="badge ok">${t('idea.responder.verified')}</span>`
    : html`<span class="muted">${t('idea.responder.typed')}</span>`;
  return html`<section aria-labelledby="response-h"><h2 id="response-h">${t('idea.response')}</h2>
<p><strong>${t(`idea.kind.${i.response_kind}`)}</strong></p>
<blockquote>${reason}</blockquote>
<p class="responder">— ${who} ${note} <span class="muted">(${formatDate(locale, i.responded_at, true)})</span></p>
</section>`;
}

export function moderationButtons(ctx: RequestContext, id: string): SafeHtml {
  const { t } = ctx;
  const form = (decision: string, button: SafeHtml) => {
    const hidden = html`<input type="hidden" name="decision" value="${decision}">`;
    return html`<form method="post" action="${planUrls.ideaModerate(id)}" class="inline">${csrfField(ctx)}${hidden}${button}</form>`;
  };
  return html`${form('approve', html`<button type="submit">${t('idea.approve')}</button>`)}
${form('reject', html`<button type="submit" class="danger">${t('idea.reject')}</button>`)}`;
}

export function renderModerationQueue(ctx: RequestContext, ideas: IdeaRow[]): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('idea.moderation.title')}</h1>
<p class="lead">${t('idea.moderation.intro')}</p>
${
  ideas.length
    ? html`<ul class="plain">${ideas.map(
        (i) => html`<li><h2><a href="${planUrls.idea(i.id)}">${i.title}</a></h2>
<p class="muted">${t(`idea.theme.${i.theme}`)} · ${formatDate(locale, i.received_on)}</p><p>${i.body}</p>${moderationButtons(ctx, i.id)}</li>`,
      )}</ul>`
    : html`<p>${t('idea.moderation.empty')}</p>`
}`;
}

export function renderRecordForm(
  ctx: RequestContext,
  o: { values: Values; errors: FormError[]; plans: Choice[]; kelurahan: KelurahanChoice[] },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('idea.record')}</h1>
<p class="lead">${t('idea.recordIntro')}</p>
${errorSummary(ctx, o.errors)}
<form method="post" action="${planUrls.ideaRecord()}" class="stack" novalidate>${csrfField(ctx)}
${field(ctx, {
  name: 'sourceLabel',
  label: t('idea.field.sourceLabel'),
  value: str(o.values['sourceLabel']),
  required: true,
  errors: o.errors,
  hint: t('idea.hint.sourceLabel'),
})}
${field(ctx, {
  name: 'receivedOn',
  label: t('idea.receivedOn'),
  type: 'date',
  value: str(o.values['receivedOn']),
  required: true,
  errors: o.errors,
})}
${ideaFields(ctx, o.values, o.errors, o.plans, o.kelurahan)}
<button type="submit">${t('plan.form.save')}</button></form>`;
}

export function renderResponseForm(
  ctx: RequestContext,
  o: {
    idea: IdeaRow;
    values: Values;
    errors: FormError[];
    commitments: Choice[];
    responder: { name: string; organization: string | null };
  },
): SafeHtml {
  const { t } = ctx;
  const v = o.values;
  return html`<h1>${t('idea.giveResponse')}</h1>
<p><a href="${planUrls.idea(o.idea.id)}">${o.idea.title}</a></p>
<blockquote><p>${o.idea.body}</p></blockquote>
${errorSummary(ctx, o.errors)}
<form method="post" action="${planUrls.ideaRespond(o.idea.id)}" class="stack" novalidate>${csrfField(ctx)}
${radioGroup(ctx, {
  name: 'kind',
  legend: t('idea.field.kind'),
  choices: RESPONSE_KINDS.map((k) => ({ value: k, label: t(`idea.kind.${k}`) })),
  value: str(v['kind']),
  required: true,
  errors: o.errors,
})}
${field(ctx, {
  name: 'reason',
  label: t('idea.field.reason'),
  type: 'textarea',
  value: str(v['reason']),
  required: true,
  errors: o.errors,
  hint: t('idea.hint.reason'),
})}
${
  o.commitments.length
    ? checkboxes(ctx, {
        name: 'commitmentOgpIds',
        legend: t('idea.field.commitments'),
        choices: o.commitments,
        values: strs(v['commitmentOgpIds']),
        errors: o.errors,
        hint: t('idea.hint.commitments'),
      })
    : html`<p class="muted" id="commitmentOgpIds">${t('idea.noCommitmentsYet')}</p>`
}
${englishFieldset(ctx, { fields: [{ name: 'reason', label: t('idea.field.reason'), textarea: true }], values: v, errors: o.errors })}
<p>${t('idea.respondingAs', {
    name: o.responder.name,
    organization: o.responder.organization ? t('idea.respondingFor', { organization: o.responder.organization }) : '',
  })}</p>
${field(ctx, {
  name: 'responderTitle',
  label: t('idea.field.responderTitle'),
  value: str(v['responderTitle']),
  required: true,
  errors: o.errors,
  hint: t('idea.hint.responderTitle'),
})}
<button type="submit">${t('idea.saveResponse')}</button></form>`;
}
