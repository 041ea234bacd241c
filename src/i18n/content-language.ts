/**
 * Content written in two languages: the Indonesian original of a record's text fields, and an
 * English version beside it. Every bilingual record (commitment, plan, idea response) stores
 * `{"en": {field: text}}` in one text column and shows the same `translations` object in its
 * JSON; every view picks the reader's text here, so an English page shows the English text
 * where it exists and marks visibly (lang="id" and "(Bahasa Indonesia)") where it falls back.
 */
import { z } from 'zod';
import type { Locale, Translate } from './i18n.js';
import { html, type HtmlValue, type SafeHtml } from '../views/html.js';

/** The languages a translation may be given in (Indonesian is the original, never a translation). */
export type TranslationLocale = Exclude<Locale, 'id'>;
export type Translations<F extends string = string> = Partial<Record<TranslationLocale, Partial<Record<F, string>>>>;

/** The `translations` request field for the given text fields: `{ en: { title?: …, … } }`. */
export function translationsInput<F extends string>(fields: Record<F, number>) {
  const en = Object.fromEntries(
    Object.entries<number>(fields).map(([name, max]) => [name, z.string().max(max).optional()]),
  ) as Record<F, z.ZodOptional<z.ZodString>>;
  return z
    .object({
      en: z.strictObject(en).optional().describe('English versions; a missing field falls back to Indonesian'),
    })
    .strict()
    .default({})
    .describe('Translations of the text fields (the fields themselves are the Indonesian original)');
}

/** The `translations` response field: only the languages and fields that have a text. */
export function translationsJson<F extends string>(fields: readonly F[]) {
  const en = Object.fromEntries(fields.map((name) => [name, z.string().optional()])) as Record<
    F,
    z.ZodOptional<z.ZodString>
  >;
  return z
    .object({ en: z.object(en).optional() })
    .describe('English versions of the text fields, where given; the fields themselves are Indonesian');
}

/** Drops empty texts (and a language left without any), so "no English" is always stored the same way. */
export function cleanTranslations(input: Translations | undefined): Translations {
  const out: Translations = {};
  const en = Object.entries(input?.en ?? {}).filter(([, text]) => typeof text === 'string' && text.trim() !== '');
  if (en.length) out.en = Object.fromEntries(en.map(([k, text]) => [k, text!.trim()]));
  return out;
}

/** The stored column back to an object; anything unreadable counts as no translation. */
export function parseTranslations(stored: string | null | undefined): Translations {
  if (!stored) return {};
  try {
    const value = JSON.parse(stored) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return cleanTranslations(value as Translations);
  } catch {
    return {};
  }
}

export const storeTranslations = (input: Translations | undefined): string => JSON.stringify(cleanTranslations(input));

export interface LocalText {
  text: string;
  /** The language the text is in. */
  lang: Locale;
  /** True when the reader asked for another language and gets the Indonesian original. */
  fallback: boolean;
}

/** The text of one field in the reader's language, or the Indonesian original. */
export function localText(locale: Locale, original: string, translations: Translations, fieldName: string): LocalText {
  if (locale === 'id') return { text: original, lang: 'id', fallback: false };
  const translated = translations[locale]?.[fieldName];
  if (translated) return { text: translated, lang: locale, fallback: false };
  return { text: original, lang: 'id', fallback: original !== '' };
}

interface ViewContext {
  locale: Locale;
  t: Translate;
}

/**
 * The field's text for a page, rendered by `render` (plain escaped text by default). A fallback
 * is wrapped with lang="id" (screen readers switch voice) and followed by "(Bahasa Indonesia)".
 */
export function contentText(
  ctx: ViewContext,
  original: string,
  translations: Translations,
  fieldName: string,
  render: (text: string) => HtmlValue = (text) => text,
): SafeHtml {
  const local = localText(ctx.locale, original, translations, fieldName);
  if (!local.fallback) return html`${render(local.text)}`;
  return html`<span lang="id">${render(local.text)}</span> ${fallbackMark(ctx)}`;
}

/** The same for a block (paragraphs): a div carries the language, the marker follows it. */
export function contentBlock(
  ctx: ViewContext,
  original: string,
  translations: Translations,
  fieldName: string,
  render: (text: string) => HtmlValue,
): SafeHtml {
  const local = localText(ctx.locale, original, translations, fieldName);
  if (!local.fallback) return html`${render(local.text)}`;
  return html`<div lang="id">${render(local.text)}</div><p>${fallbackMark(ctx)}</p>`;
}

/** The small marker that says the text is shown in Indonesian because no English version exists. */
export const fallbackMark = (ctx: ViewContext): SafeHtml =>
  html`<span class="muted lang-fallback">${ctx.t('content.fallback')}</span>`;

/**
 * The "English version" fieldset of a form: one field per text field, named
 * `translations.en.<field>` (formInput nests it into the API's `translations` shape), marked
 * lang="en" so the English text is read as English on an Indonesian page.
 */
export function englishFieldset(
  ctx: ViewContext,
  o: {
    fields: ReadonlyArray<{ name: string; label: string; textarea?: boolean }>;
    values: Record<string, unknown>;
    errors: ReadonlyArray<{ field: string; message: string }>;
  },
): SafeHtml {
  const given = ((o.values['translations'] as Translations | undefined)?.en ?? {}) as Record<string, string>;
  // A posted form (a re-render, the conflict page's merge) carries the flat field names instead.
  const shownText = (name: string, field: string) => {
    const flat = o.values[name];
    return typeof flat === 'string' ? flat : (given[field] ?? '');
  };
  return html`<fieldset class="field"><legend>${ctx.t('content.englishVersion')}</legend>
<p class="hint">${ctx.t('content.englishHint')}</p>
${o.fields.map((f) => {
  const name = `translations.en.${f.name}`;
  const error = o.errors.find((e) => e.field === name);
  const value = shownText(name, f.name);
  const invalid = error ? html` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const control = f.textarea
    ? html`<textarea id="${name}" name="${name}" lang="en" rows="4"${invalid}>${value}</textarea>`
    : html`<input type="text" id="${name}" name="${name}" lang="en" value="${value}"${invalid}>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${name}">${f.label} (${ctx.t('content.inEnglish')})</label>
${error ? html`<p class="error" id="${name}-error">${error.message}</p>` : ''}${control}</div>`;
})}
</fieldset>`;
}

/** A bilingual record's title for a page (commitment, plan): the common case of `contentText`. */
export const contentTitle = (ctx: ViewContext, row: { title: string; translations: string }): SafeHtml =>
  contentText(ctx, row.title, parseTranslations(row.translations), 'title');

/**
 * Form values with each nested translation also under its form field name
 * (`translations.en.title`), so stored values, loaded values and a posted form compare field by
 * field (the "changed by someone else" diff and merge).
 */
export function withFlatTranslations(values: Record<string, unknown>): Record<string, unknown> {
  const nested = values['translations'];
  if (!nested || typeof nested !== 'object') return values;
  const out = { ...values };
  for (const [locale, fields] of Object.entries(nested as Record<string, unknown>))
    for (const [field, text] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
      const name = `translations.${locale}.${field}`;
      if (!(name in out)) out[name] = text;
    }
  return out;
}

/** The English fields of a form, as the conflict diff names them: "<label> (English)". */
export function englishConflictFields(
  t: Translate,
  fields: ReadonlyArray<{ name: string; label: string }>,
): Array<{ name: string; label: string }> {
  return fields.map((f) => ({ name: `translations.en.${f.name}`, label: `${f.label} (${t('content.inEnglish')})` }));
}
