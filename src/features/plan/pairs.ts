import type { Messages } from '../../i18n/messages.js';

/** Builds a Messages object from [key, Bahasa Indonesia, English] rows, so both languages stay side by side. */
export function messagesFrom(rows: Array<[string, string, string]>): Messages {
  const out: Messages = { id: {}, en: {} };
  for (const [key, id, en] of rows) {
    out.id[key] = id;
    out.en[key] = en;
  }
  return out;
}
