import type { RequestContext } from '../../http/context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import type { FormError } from '../../views/layout.js';
import { formatNumber } from '../../i18n/i18n.js';
import type { Choice } from '../../views/form-controls.js';
import type { IrmCompletion } from '../../rubric/irm-scales.js';

export type { Choice } from '../../views/form-controls.js';
/** The shared labelled <select> (src/views/form-controls.ts). */
export { selectField as select } from '../../views/form-controls.js';

const errorFor = (name: string, errors?: FormError[]) => errors?.find((e) => e.field === name);
const req = (ctx: RequestContext, required?: boolean) => (required ? html` <span class="req">(${ctx.t('form.required')})</span>` : '');

/** A fieldset of checkboxes (several choices); the fieldset carries the id the error summary links to. */
export function checkboxes(ctx: RequestContext, o: { name: string; legend: string; choices: Choice[]; values: string[]; hint?: string; errors?: FormError[]; required?: boolean }): SafeHtml {
  const error = errorFor(o.name, o.errors);
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${o.name}">
<legend>${o.legend}${req(ctx, o.required)}</legend>
${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
${error ? html`<p class="error">${error.message}</p>` : ''}
${o.choices.map((c, i) => html`<div><input type="checkbox" id="${o.name}-${i}" name="${o.name}" value="${c.value}"${raw(o.values.includes(c.value) ? ' checked' : '')}> <label for="${o.name}-${i}">${c.label}</label></div>`)}
</fieldset>`;
}

export function radios(ctx: RequestContext, o: { name: string; legend: string; choices: Choice[]; value?: string | null; required?: boolean; errors?: FormError[] }): SafeHtml {
  const error = errorFor(o.name, o.errors);
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${o.name}">
<legend>${o.legend}${req(ctx, o.required)}</legend>
${error ? html`<p class="error">${error.message}</p>` : ''}
${o.choices.map((c, i) => html`<div><input type="radio" id="${o.name}-${i}" name="${o.name}" value="${c.value}"${raw(c.value === (o.value ?? '') ? ' checked' : '')}> <label for="${o.name}-${i}">${c.label}</label></div>`)}
</fieldset>`;
}

export function checkbox(o: { name: string; label: string; checked: boolean; errors?: FormError[] }): SafeHtml {
  const error = errorFor(o.name, o.errors);
  return html`<div class="field${error ? ' has-error' : ''}">${error ? html`<p class="error" id="${o.name}-error">${error.message}</p>` : ''}<input type="checkbox" id="${o.name}" name="${o.name}" value="1"${raw(o.checked ? ' checked' : '')}> <label for="${o.name}">${o.label}</label></div>`;
}

/** Progress as a native <progress> with its number in text (no colour-only meaning, no inline style). */
export function progressBar(ctx: RequestContext, percent: number, label: string): SafeHtml {
  const text = `${formatNumber(ctx.locale, percent)} %`;
  return html`<progress max="100" value="${percent}" aria-label="${label}">${text}</progress> <span>${text}</span>`;
}

export function irmBadge(ctx: RequestContext, c: IrmCompletion): SafeHtml {
  const cls = c === 'complete' ? 'ok' : c === 'substantial' ? 'ok' : c === 'no_evidence' ? 'bad' : c === 'limited' ? 'warn' : '';
  return html`<span class="badge ${cls}">${ctx.t(`commitment.irm.${c}`)}</span>`;
}

export const exampleBadge = (ctx: RequestContext, isExample: number | boolean) => (isExample ? html` <span class="badge example">${ctx.t('plan.example')}</span>` : '');

/** A linked error summary whose links may point to other pages (readiness problems). */
export function linkedSummary(ctx: RequestContext, title: string, items: Array<{ href: string; message: string }>): SafeHtml {
  if (!items.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="readiness-title">
<h2 id="readiness-title">${title}</h2>
<ul>${items.map((i) => html`<li><a href="${i.href}">${i.message}</a></li>`)}</ul></div>`;
}

/** The string value of a re-rendered form field. */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? String(v[v.length - 1] ?? '') : String(v));
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);
