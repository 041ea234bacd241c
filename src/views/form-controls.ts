import type { RequestContext } from './page-context.js';
import { html, raw, type SafeHtml } from './html.js';
import type { FormError } from './layout.js';

export interface Choice {
  value: string;
  label: string;
}

function errorFor(name: string, errors?: FormError[]) {
  return errors?.find((e) => e.field === name);
}

/** A labelled <select> with hint and error wired through aria-describedby. */
export function selectField(
  ctx: RequestContext,
  o: {
    name: string;
    label: string;
    choices: Choice[];
    value?: string | null;
    required?: boolean;
    hint?: string;
    errors?: FormError[];
    empty?: string;
  },
): SafeHtml {
  const error = errorFor(o.name, o.errors);
  const describedBy = [o.hint ? `${o.name}-hint` : '', error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  const selectAttrs = raw(
    (o.required ? ' required' : '') +
      (describedBy ? ` aria-describedby="${describedBy}"` : '') +
      (error ? ' aria-invalid="true"' : ''),
  );
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${o.name}">${o.label}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
${error ? html`<p class="error" id="${o.name}-error">${error.message}</p>` : ''}
<select id="${o.name}" name="${o.name}"${selectAttrs}>
${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
${o.choices.map((c) => html`<option value="${c.value}"${raw(c.value === (o.value ?? '') ? ' selected' : '')}>${c.label}</option>`)}
</select></div>`;
}

/** A fieldset of radio buttons (one choice) with a legend, hint and error. */
export function radioGroup(
  ctx: RequestContext,
  o: {
    name: string;
    legend: string;
    choices: Choice[];
    value?: string | null;
    required?: boolean;
    hint?: string;
    errors?: FormError[];
  },
): SafeHtml {
  const error = errorFor(o.name, o.errors);
  const radio = (c: Choice, i: number) => {
    const checked = raw(c.value === (o.value ?? '') ? ' checked' : '');
    const input = html`<input type="radio" id="${o.name}-${i}" name="${o.name}" value="${c.value}"${checked}>`;
    return html`<div>${input} <label for="${o.name}-${i}">${c.label}</label></div>`;
  };
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${o.name}"${raw(error ? ` aria-describedby="${o.name}-error"` : '')}>
<legend>${o.legend}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</legend>
${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
${error ? html`<p class="error" id="${o.name}-error">${error.message}</p>` : ''}
${o.choices.map(radio)}
</fieldset>`;
}

/** A fieldset of checkboxes (several choices); the fieldset carries the id the error summary links to. */
export function checkboxes(
  ctx: RequestContext,
  o: {
    name: string;
    legend: string;
    choices: Choice[];
    values: string[];
    hint?: string;
    errors?: FormError[];
    required?: boolean;
  },
): SafeHtml {
  const error = errorFor(o.name, o.errors);
  const box = (c: Choice, i: number) => {
    const checked = raw(o.values.includes(c.value) ? ' checked' : '');
    const input = html`<input type="checkbox" id="${o.name}-${i}" name="${o.name}" value="${c.value}"${checked}>`;
    return html`<div>${input} <label for="${o.name}-${i}">${c.label}</label></div>`;
  };
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${o.name}">
<legend>${o.legend}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</legend>
${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
${error ? html`<p class="error">${error.message}</p>` : ''}
${o.choices.map(box)}
</fieldset>`;
}

/** One checkbox with its label. */
export function checkbox(o: { name: string; label: string; checked: boolean; errors?: FormError[] }): SafeHtml {
  const error = errorFor(o.name, o.errors);
  const errorMessage = error ? html`<p class="error" id="${o.name}-error">${error.message}</p>` : '';
  const input = html`<input type="checkbox" id="${o.name}" name="${o.name}" value="1"${raw(o.checked ? ' checked' : '')}>`;
  return html`<div class="field${error ? ' has-error' : ''}">${errorMessage}${input} <label for="${o.name}">${o.label}</label></div>`;
}

/** Turns form values (strings) into text for re-rendering. */
export const str = (v: unknown): string =>
  v === null || v === undefined ? '' : Array.isArray(v) ? String(v[v.length - 1] ?? '') : String(v);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)];
