/**
 * The "changed by someone else" page, one for every editable record (storage/versioned-update.ts).
 * An edit form carries the version it was loaded at and the values it showed (`versionFields`);
 * a stale save gets, per field, what the editor loaded, what the other editor saved and what this
 * editor sent, and the record's own form again, prefilled with the merge: their value where this
 * editor left a field alone, this editor's value where they changed it, and a marked error where
 * both changed it differently. The form carries the new version, so saving it is the merge.
 */
import { withFlatTranslations } from '../i18n/content-language.js';
import type { RequestContext } from './page-context.js';
import { html, raw, type SafeHtml } from './html.js';
import type { FormError } from './layout.js';

/** One field of a record's edit form, as the diff names it. */
export interface ConflictField {
  name: string;
  label: string;
  /** Shows a stored value in words (a choice's label, a list of names); the default prints it. */
  format?: (value: unknown) => string;
}

/** Shows a choice's label instead of its stored value (ids of plans, organisations…). */
export const choiceLabel =
  (choices: Array<{ value: string; label: string }>) =>
  (value: unknown): string => {
    const values = Array.isArray(value)
      ? value.map(String)
      : value === null || value === undefined
        ? []
        : [String(value)];
    return values.map((v) => choices.find((c) => c.value === v)?.label ?? v).join(', ');
  };

export interface ConflictInput {
  fields: ConflictField[];
  /** The form values the editor loaded (from the form's `_base` field). */
  base: Record<string, unknown>;
  /** The record as the other editor saved it, in form values. */
  theirs: Record<string, unknown>;
  /** What this editor sent (the form body). */
  yours: Record<string, unknown>;
  /** The record's edit version now. */
  version: number;
}

/** Form values with the version they were loaded at and the loaded values themselves. */
export function withVersion(values: Record<string, unknown>, version: number): Record<string, unknown> {
  return { ...values, _version: String(version), _base: JSON.stringify(values) };
}

/** The hidden fields every edit form carries (they travel back unchanged on a 422 re-render). */
export function versionFields(values: Record<string, unknown>): SafeHtml {
  const version = values['_version'];
  if (version === undefined || version === null || version === '') return html``;
  return html`<input type="hidden" name="_version" value="${String(version)}">
<input type="hidden" name="_base" value="${String(values['_base'] ?? '{}')}">`;
}

/** Comparable text of a form value: browsers send CRLF, checkboxes "1", lists in any order. */
function norm(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return '1';
  if (Array.isArray(v)) return v.map(norm).filter(Boolean).sort().join('\n');
  return String(v).replace(/\r\n?/g, '\n').trim();
}

export interface FieldDiff {
  field: ConflictField;
  base: unknown;
  theirs: unknown;
  yours: unknown;
  /** Both editors changed it, to different values. */
  conflict: boolean;
}

/** The merged form values and the fields that differ anywhere. */
export function mergeEdits(input: ConflictInput): { merged: Record<string, unknown>; diffs: FieldDiff[] } {
  const [baseValues, theirValues, yourValues] = [input.base, input.theirs, input.yours].map(withFlatTranslations);
  const merged: Record<string, unknown> = { ...yourValues };
  const diffs: FieldDiff[] = [];
  for (const field of input.fields) {
    const base = baseValues![field.name];
    const theirs = theirValues![field.name];
    const yours = yourValues![field.name];
    const youChanged = norm(yours) !== norm(base);
    const theyChanged = norm(theirs) !== norm(base);
    merged[field.name] = youChanged ? yours : theirs;
    if (youChanged || theyChanged)
      diffs.push({ field, base, theirs, yours, conflict: youChanged && theyChanged && norm(yours) !== norm(theirs) });
  }
  return { merged: withVersion(merged, input.version), diffs };
}

function shown(ctx: RequestContext, field: ConflictField, value: unknown): SafeHtml {
  const text = field.format ? field.format(value) : norm(value).replace(/\n/g, Array.isArray(value) ? ', ' : '\n');
  return text
    ? html`<span class="conflict-value">${text}</span>`
    : html`<span class="muted">${ctx.t('conflict.empty')}</span>`;
}

/**
 * The page's main content. `form` renders the record's own edit form with the given values and
 * errors; its own heading is dropped because this page's headings introduce it.
 */
export async function renderConflict(
  ctx: RequestContext,
  input: ConflictInput,
  form: (values: Record<string, unknown>, errors: FormError[]) => SafeHtml | Promise<SafeHtml>,
): Promise<SafeHtml> {
  const { t } = ctx;
  const { merged, diffs } = mergeEdits(input);
  const errors: FormError[] = diffs
    .filter((d) => d.conflict)
    .map((d) => ({ field: d.field.name, message: t('conflict.bothChanged', { field: d.field.label }) }));
  const formHtml = (await form(merged, errors)).value.replace(/<h1>[\s\S]*?<\/h1>/, '');
  return html`<h1>${t('conflict.title')}</h1>
<p class="lead">${t('conflict.lead')}</p>
<div class="table-scroll"><table class="conflict-diff">
<caption>${t('conflict.caption', { count: diffs.length })}</caption>
<thead><tr><th scope="col">${t('conflict.field')}</th><th scope="col">${t('conflict.loaded')}</th>
<th scope="col">${t('conflict.theirs')}</th><th scope="col">${t('conflict.yours')}</th></tr></thead>
<tbody>${diffs.map(
    (d) => html`<tr${raw(d.conflict ? ' class="conflict"' : '')}>
<th scope="row">${d.field.label}${d.conflict ? html` <strong class="tag">${t('conflict.both')}</strong>` : ''}</th>
<td>${shown(ctx, d.field, d.base)}</td><td>${shown(ctx, d.field, d.theirs)}</td><td>${shown(ctx, d.field, d.yours)}</td></tr>`,
  )}</tbody></table></div>
<h2>${t('conflict.mergeHeading')}</h2>
<p>${t('conflict.mergeHint')}</p>
${raw(formHtml)}`;
}
