import type { RequestContext } from './page-context.js';
import { html, raw, type SafeHtml } from './html.js';
import type { FormError } from './layout.js';

export interface Choice {
  value: string;
  label: string;
}

/** Choices under a heading (an <optgroup> in a select, a nested fieldset among checkboxes). */
export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

/** A choice and the heading it is listed under. */
export interface GroupedChoice extends Choice {
  group: string;
}

/**
 * Long lists made findable: choices under their group's heading, groups in `order` (groups not
 * named there follow, by name), choices by label, both in Indonesian collation so "Kelurahan
 * Banjarejo" comes before "Kelurahan Demangan" whatever the database returned.
 */
export function groupChoices(items: readonly GroupedChoice[], order: readonly string[] = []): ChoiceGroup[] {
  const byLabel = (a: string, b: string) => a.localeCompare(b, 'id', { sensitivity: 'base', numeric: true });
  const groups = new Map<string, Choice[]>();
  for (const { group, ...choice } of items) groups.set(group, [...(groups.get(group) ?? []), choice]);
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups.keys()]
    .sort((a, b) => rank(a) - rank(b) || byLabel(a, b))
    .map((label) => ({ label, choices: groups.get(label)!.sort((a, b) => byLabel(a.label, b.label)) }));
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
    /** Plain options, or (`groups`) options under <optgroup> headings. */
    choices?: Choice[];
    groups?: ChoiceGroup[];
    value?: string | null;
    required?: boolean;
    hint?: string;
    errors?: FormError[];
    empty?: string;
  },
): SafeHtml {
  const option = (c: Choice) =>
    html`<option value="${c.value}"${raw(c.value === (o.value ?? '') ? ' selected' : '')}>${c.label}</option>`;
  const options = o.groups
    ? o.groups.map((g) => html`<optgroup label="${g.label}">${g.choices.map(option)}</optgroup>`)
    : (o.choices ?? []).map(option);
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
${options}
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

interface CheckboxListOptions {
  name: string;
  legend: string;
  values: string[];
  hint?: string;
  errors?: FormError[];
  required?: boolean;
}

/** One box of a checkbox list, checked when its value is among the list's values. */
function listBox(o: CheckboxListOptions, c: Choice, id: string): SafeHtml {
  const checked = raw(o.values.includes(c.value) ? ' checked' : '');
  const input = html`<input type="checkbox" id="${id}" name="${o.name}" value="${c.value}"${checked}>`;
  return html`<div>${input} <label for="${id}">${c.label}</label></div>`;
}

/** The outer fieldset of a checkbox list: legend, hint and error; it carries the id the error summary links to. */
function listFieldset(ctx: RequestContext, o: CheckboxListOptions, boxes: SafeHtml[]): SafeHtml {
  const error = errorFor(o.name, o.errors);
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${o.name}">
<legend>${o.legend}${o.required ? html` <span class="req">(${ctx.t('form.required')})</span>` : ''}</legend>
${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
${error ? html`<p class="error">${error.message}</p>` : ''}
${boxes}
</fieldset>`;
}

/** A fieldset of checkboxes (several choices). */
export function checkboxes(ctx: RequestContext, o: CheckboxListOptions & { choices: Choice[] }): SafeHtml {
  return listFieldset(
    ctx,
    o,
    o.choices.map((c, i) => listBox(o, c, `${o.name}-${i}`)),
  );
}

/**
 * Checkboxes for a long list (organisations by kind, kelurahan by kecamatan): one fieldset with
 * the legend, hint and error, and a nested fieldset per group whose legend names the group, so
 * a screen reader announces "Kecamatan Taman" before its kelurahan as a sighted user sees it.
 */
export function groupedCheckboxes(ctx: RequestContext, o: CheckboxListOptions & { groups: ChoiceGroup[] }): SafeHtml {
  const group = (g: ChoiceGroup, gi: number) =>
    html`<fieldset class="choice-group"><legend>${g.label}</legend>
${g.choices.map((c, i) => listBox(o, c, `${o.name}-${gi}-${i}`))}
</fieldset>`;
  return listFieldset(ctx, o, o.groups.map(group));
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
