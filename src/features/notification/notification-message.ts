/**
 * A notification's words as message keys and params, stored with the row and rendered in the
 * reader's language each time it is read (page, JSON, e-mail), never frozen in the language of
 * the moment it was written. Rows from before keep their frozen title and body.
 */
import type { Locale, Translate } from '../../i18n/i18n.js';

/**
 * A param: plain text or a number; `{ key }`, a message translated when read (a status, a kind);
 * or `{ id, en }`, content written in both languages (a commitment's title and its English version).
 */
export type MessageParam = string | number | { key: string } | { id: string; en?: string };

export interface MessageText {
  key: string;
  params?: Record<string, MessageParam>;
}

/** What the `message` column holds. */
export interface StoredMessage {
  title: MessageText;
  body: MessageText;
  /** Why the reader gets it ("you follow this commitment"), said in the e-mail footer. */
  reason?: MessageText;
}

export function renderMessage(t: Translate, locale: Locale, m: MessageText): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(m.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    else if ('key' in value) params[name] = t(value.key);
    else params[name] = (locale === 'en' && value.en) || value.id;
  }
  return t(m.key, params);
}

export function parseStoredMessage(text: string | null): StoredMessage | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as StoredMessage;
    return value && typeof value.title?.key === 'string' && typeof value.body?.key === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The title and body in the reader's language; the frozen text for rows written before keys were stored. */
export function notificationText(
  t: Translate,
  locale: Locale,
  row: { title: string; body: string; message: string | null },
): { title: string; body: string } {
  const m = parseStoredMessage(row.message);
  if (!m) return { title: row.title, body: row.body };
  return { title: renderMessage(t, locale, m.title), body: renderMessage(t, locale, m.body) };
}
