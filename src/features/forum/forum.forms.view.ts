import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { FORUM_SECTORS } from './forum.table.js';
import { selectField, str, type Choice } from '../../views/form-controls.js';
import { organizationGroups, type OrganizationChoice } from '../organization/organization.choices.js';
import { DOCUMENT_EXTENSIONS_HINT } from '../../files/file-type.js';
import { choiceLabel, versionFields, type ConflictField } from '../../views/conflict.view.js';

type Values = Record<string, unknown>;

const sectorChoices = (ctx: RequestContext): Choice[] =>
  FORUM_SECTORS.map((s) => ({ value: s, label: ctx.t(`forum.sector.${s}`) }));

export function renderMemberForm(
  ctx: RequestContext,
  o: { action: string; values: Values; errors: FormError[]; organizations: OrganizationChoice[]; editing: boolean },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  return html`<h1>${t(o.editing ? 'forum.editMember' : 'forum.addMember')}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" novalidate>${csrfField(ctx)}${versionFields(o.values)}
${field(ctx, { name: 'name', label: t('forum.name'), value: v('name'), required: true, errors: o.errors })}
${selectField(ctx, {
  name: 'sector',
  label: t('forum.sector'),
  choices: sectorChoices(ctx),
  value: v('sector'),
  required: true,
  errors: o.errors,
})}
${selectField(ctx, {
  name: 'organizationId',
  label: t('forum.organization'),
  groups: organizationGroups(t, o.organizations),
  value: v('organizationId'),
  empty: t('forum.noOrganization'),
  errors: o.errors,
})}
${field(ctx, { name: 'affiliation', label: t('forum.affiliation'), hint: t('forum.affiliationHint'), value: v('affiliation'), errors: o.errors })}
${field(ctx, { name: 'roleTitle', label: t('forum.roleTitle'), value: v('roleTitle'), errors: o.errors })}
${field(ctx, {
  name: 'selectionMethod',
  label: t('forum.selectionMethod'),
  hint: t('forum.selectionHint'),
  type: 'textarea',
  value: v('selectionMethod'),
  required: true,
  errors: o.errors,
})}
${field(ctx, { name: 'joinedOn', label: t('forum.joinedOn'), type: 'date', value: v('joinedOn'), required: true, errors: o.errors })}
${field(ctx, { name: 'leftOn', label: t('forum.leftOn'), type: 'date', value: v('leftOn'), errors: o.errors })}
<button type="submit">${t('common.save')}</button> <a href="/forum">${t('common.cancel')}</a>
</form>`;
}

/** The member form's fields, as the "changed by someone else" diff names them. */
export function memberConflictFields(ctx: RequestContext, organizations: OrganizationChoice[]): ConflictField[] {
  const { t } = ctx;
  return [
    { name: 'name', label: t('forum.name') },
    { name: 'sector', label: t('forum.sector'), format: choiceLabel(sectorChoices(ctx)) },
    { name: 'organizationId', label: t('forum.organization'), format: choiceLabel(organizations) },
    { name: 'affiliation', label: t('forum.affiliation') },
    { name: 'roleTitle', label: t('forum.roleTitle') },
    { name: 'selectionMethod', label: t('forum.selectionMethod') },
    { name: 'joinedOn', label: t('forum.joinedOn') },
    { name: 'leftOn', label: t('forum.leftOn') },
  ];
}

export function renderRulesForm(ctx: RequestContext, o: { values: Values; errors: FormError[] }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('forum.editRules')}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="/forum/aturan" novalidate>${csrfField(ctx)}
${field(ctx, {
  name: 'body',
  label: t('forum.rules'),
  hint: t('forum.rulesHint'),
  type: 'textarea',
  value: str(o.values['body']),
  required: true,
  errors: o.errors,
})}
<button type="submit">${t('common.save')}</button> <a href="/forum">${t('common.cancel')}</a>
</form>`;
}

export function renderMeetingForm(
  ctx: RequestContext,
  o: { action: string; values: Values; errors: FormError[]; plans: Choice[]; editing: boolean; dateLocked?: boolean },
): SafeHtml {
  const { t } = ctx;
  const v = (k: string) => str(o.values[k]);
  const num = (name: string, sector: string) =>
    field(ctx, {
      name,
      label: t(`forum.sector.${sector}`),
      type: 'number',
      value: v(name),
      errors: o.errors,
      attrs: 'min="0" inputmode="numeric"',
    });
  return html`<h1>${t(o.editing ? 'forum.editMeeting' : 'forum.addMeeting')}</h1>
${errorSummary(ctx, o.errors)}
<form method="post" action="${o.action}" novalidate>${csrfField(ctx)}${versionFields(o.values)}
${field(ctx, { name: 'title', label: t('forum.meetingTitle'), value: v('title'), required: true, errors: o.errors })}
${field(ctx, { name: 'meetingDate', label: t('forum.meetingDate'), type: 'date', value: v('meetingDate'), required: true, errors: o.errors })}
${o.dateLocked ? dateCorrectionField(ctx, v('dateCorrectionReason'), o.errors) : ''}
${selectField(ctx, { name: 'planId', label: t('forum.plan'), choices: o.plans, value: v('planId'), empty: t('forum.noPlan'), errors: o.errors })}
${field(ctx, { name: 'location', label: t('forum.location'), value: v('location'), errors: o.errors })}
${field(ctx, { name: 'agenda', label: t('forum.agenda'), type: 'textarea', value: v('agenda'), errors: o.errors })}
<fieldset><legend>${t('forum.attendanceBySector')}</legend><p class="hint">${t('forum.attendanceHint')}</p>
${[
  num('attendanceGovernment', 'government'),
  num('attendanceCivilSociety', 'civil_society'),
  num('attendanceAcademia', 'academia'),
  num('attendancePrivate', 'private'),
  num('attendanceCitizen', 'citizen'),
]}
</fieldset>
${field(ctx, { name: 'minutes', label: t('forum.minutes'), type: 'textarea', value: v('minutes'), errors: o.errors })}
${field(ctx, { name: 'decisions', label: t('forum.decisions'), type: 'textarea', value: v('decisions'), errors: o.errors })}
<button type="submit">${t('common.save')}</button> <a href="/forum">${t('common.cancel')}</a>
</form>`;
}

/** The reason a locked meeting date is corrected (publicly shown); only offered once the date is locked. */
function dateCorrectionField(ctx: RequestContext, value: string, errors: FormError[]): SafeHtml {
  return html`<p class="hint">${ctx.t('forum.dateLockedHint')}</p>
${field(ctx, {
  name: 'dateCorrectionReason',
  label: ctx.t('correction.field.reason'),
  type: 'textarea',
  value,
  hint: ctx.t('correction.hint.reason'),
  errors,
})}`;
}

/** The meeting form's fields, as the "changed by someone else" diff names them. */
export function meetingConflictFields(ctx: RequestContext, plans: Choice[]): ConflictField[] {
  const { t } = ctx;
  const attendance = (name: string, sector: string) => ({
    name,
    label: `${t('forum.attendanceBySector')}: ${t(`forum.sector.${sector}`)}`,
  });
  return [
    { name: 'title', label: t('forum.meetingTitle') },
    { name: 'meetingDate', label: t('forum.meetingDate') },
    { name: 'planId', label: t('forum.plan'), format: choiceLabel(plans) },
    { name: 'location', label: t('forum.location') },
    { name: 'agenda', label: t('forum.agenda') },
    attendance('attendanceGovernment', 'government'),
    attendance('attendanceCivilSociety', 'civil_society'),
    attendance('attendanceAcademia', 'academia'),
    attendance('attendancePrivate', 'private'),
    attendance('attendanceCitizen', 'citizen'),
    { name: 'minutes', label: t('forum.minutes') },
    { name: 'decisions', label: t('forum.decisions') },
  ];
}

/** Publishing a document: a link or a file (multipart, so the CSRF token travels in the URL). */
export function renderDocumentForm(
  ctx: RequestContext,
  meetingId: string,
  values: Values,
  errors: FormError[],
): SafeHtml {
  const { t } = ctx;
  const action = `/forum/pertemuan/${meetingId}/dokumen`;
  return html`<h3 id="doc-form-h">${t('forum.addDocument')}</h3>
${errorSummary(ctx, errors)}
<form method="post" action="${action}" enctype="multipart/form-data" aria-labelledby="doc-form-h" novalidate>${csrfField(ctx)}
${field(ctx, { name: 'title', label: t('forum.documentTitle'), value: str(values['title']), required: true, errors })}
${field(ctx, { name: 'url', label: t('forum.documentUrl'), type: 'url', value: str(values['url']), hint: t('forum.documentUrlHint'), errors })}
<div class="field${errors.some((e) => e.field === 'file') ? ' has-error' : ''}"><label for="file">${t('forum.documentFile')}</label>
<p class="hint" id="file-hint">${t('forum.documentFileHint', { types: DOCUMENT_EXTENSIONS_HINT })}</p>
${errors.filter((e) => e.field === 'file').map((e) => html`<p class="error" id="file-error">${e.message}</p>`)}
<input type="file" id="file" name="file" aria-describedby="file-hint"></div>
<p class="hint">${t('forum.publishedAtHint')}</p>
<button type="submit">${t('forum.publish')}</button>
</form>`;
}
