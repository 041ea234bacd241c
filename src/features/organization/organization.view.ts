import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { csrfField, errorSummary, field, type FormError } from '../../views/layout.js';
import { urls } from '../../urls.js';
import { adminNav } from '../admin/admin.layout.js';
import { ORGANIZATION_KINDS } from './organization.table.js';
import { versionFields, type ConflictField } from '../../views/conflict.view.js';
import type { OrganizationRow } from './organization.repository.js';

export type OrganizationValues = Partial<
  Record<
    'slug' | 'name' | 'kind' | 'wilayahKode' | 'description' | 'website' | 'email' | '_version' | '_base',
    string | null
  >
>;
export interface WilayahOption {
  kode: string;
  nama: string;
  tingkat: string;
}

export function kindLabel(ctx: RequestContext, kind: string): string {
  return ctx.t(`organization.kind.${kind}`);
}

export function renderOrganizationList(
  ctx: RequestContext,
  rows: OrganizationRow[],
  query: { q?: string; kind?: string },
): SafeHtml {
  const { t } = ctx;
  const kindOption = (k: (typeof ORGANIZATION_KINDS)[number]) =>
    html`<option value="${k}"${query.kind === k ? html` selected` : ''}>${kindLabel(ctx, k)}</option>`;
  const row = (o: (typeof rows)[number]) => {
    const name = html`<a href="${urls.adminOrganization(o.id)}">${o.name}</a>`;
    return html`<tr><td>${name}</td><td><code>${o.slug}</code></td><td>${kindLabel(ctx, o.kind)}</td><td>${o.wilayah_nama ?? '—'}</td></tr>`;
  };
  return html`<h1>${t('admin.organizations.title')}</h1>${adminNav(ctx)}
<p><a class="button" href="${urls.adminOrganizations()}/baru">${t('organization.new')}</a></p>
<form method="get" action="${urls.adminOrganizations()}" class="filters" role="search">
  <div class="field"><label for="q">${t('common.search')}</label><input type="search" id="q" name="q" value="${query.q ?? ''}"></div>
  <div class="field"><label for="kind">${t('organization.field.kind')}</label><select id="kind" name="kind">
    <option value="">${t('organization.allKinds')}</option>
    ${ORGANIZATION_KINDS.map(kindOption)}</select></div>
  <button type="submit">${t('common.filter')}</button>
</form>
<div class="table-scroll"><table><caption>${t('organization.count', { n: rows.length })}</caption>
<thead><tr><th scope="col">${t('organization.field.name')}</th><th scope="col">${t('organization.field.slug')}</th>
<th scope="col">${t('organization.field.kind')}</th><th scope="col">${t('organization.field.wilayah')}</th></tr></thead>
<tbody>${rows.map(row)}</tbody></table></div>`;
}

function select(
  ctx: RequestContext,
  name: string,
  label: string,
  options: Array<{ value: string; label: string }>,
  current: string | null | undefined,
  errors: FormError[],
  required = false,
): SafeHtml {
  const error = errors.find((e) => e.field === name);
  const req = required ? html` <span class="req">(${ctx.t('form.required')})</span>` : '';
  const invalid = error ? html` aria-describedby="${name}-error" aria-invalid="true"` : '';
  const option = (o: { value: string; label: string }) =>
    html`<option value="${o.value}"${current === o.value ? html` selected` : ''}>${o.label}</option>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${name}">${label}${req}</label>
  ${error ? html`<p class="error" id="${name}-error">${error.message}</p>` : ''}
  <select id="${name}" name="${name}"${invalid}>${options.map(option)}</select></div>`;
}

/** The create/edit form; `id` is set when editing. */
/** The organisation form's fields, as the "changed by someone else" diff names them. */
export function organizationConflictFields(ctx: RequestContext): ConflictField[] {
  const { t } = ctx;
  return [
    { name: 'name', label: t('organization.field.name') },
    { name: 'slug', label: t('organization.field.slug') },
    { name: 'kind', label: t('organization.field.kind'), format: (v) => (v ? kindLabel(ctx, String(v)) : '') },
    { name: 'wilayahKode', label: t('organization.field.wilayah') },
    { name: 'description', label: t('organization.field.description') },
    { name: 'website', label: t('organization.field.website') },
    { name: 'email', label: t('organization.field.email') },
  ];
}

export function renderOrganizationForm(
  ctx: RequestContext,
  v: OrganizationValues,
  wilayah: WilayahOption[],
  errors: FormError[],
  id?: string,
  notice?: string,
): SafeHtml {
  const { t } = ctx;
  const action = id ? urls.adminOrganization(id) : urls.adminOrganizations();
  const wilayahOptions = [
    { value: '', label: t('organization.noWilayah') },
    ...wilayah.map((w) => ({ value: w.kode, label: `${t(`wilayah.level.${w.tingkat}`)} ${w.nama} (${w.kode})` })),
  ];
  return html`<h1>${id ? t('organization.edit', { name: v.name ?? '' }) : t('organization.new')}</h1>${adminNav(ctx)}
${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ''}
${errorSummary(ctx, errors)}
<form method="post" action="${action}" class="stack" novalidate>${csrfField(ctx)}${versionFields(v)}
  ${field(ctx, { name: 'name', label: t('organization.field.name'), required: true, value: v.name, errors })}
  ${field(ctx, { name: 'slug', label: t('organization.field.slug'), required: true, value: v.slug, hint: t('organization.slugHint'), errors })}
  ${select(
    ctx,
    'kind',
    t('organization.field.kind'),
    ORGANIZATION_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) })),
    v.kind,
    errors,
    true,
  )}
  ${select(ctx, 'wilayahKode', t('organization.field.wilayah'), wilayahOptions, v.wilayahKode ?? '', errors)}
  ${field(ctx, { name: 'description', label: t('organization.field.description'), type: 'textarea', value: v.description, errors })}
  ${field(ctx, { name: 'website', label: t('organization.field.website'), type: 'url', value: v.website, hint: 'https://…', errors })}
  ${field(ctx, { name: 'email', label: t('organization.field.email'), type: 'email', value: v.email, hint: t('organization.emailHint'), errors })}
  <button type="submit">${t('common.save')}</button>
  <a href="${urls.adminOrganizations()}">${t('common.cancel')}</a>
</form>`;
}
