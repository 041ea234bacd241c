import type { Locale, Translate } from '../../i18n/i18n.js';
import type { listNotifications } from './notification.service.js';
import { notificationText } from './notification-message.js';

type Row = Awaited<ReturnType<typeof listNotifications>>[number];

/** In the reader's language (the request's), whatever language it was written in. */
export function presentNotification(t: Translate, locale: Locale, row: Row) {
  const text = notificationText(t, locale, row);
  return {
    id: row.id,
    title: text.title,
    body: text.body,
    url: row.url,
    createdAt: row.created_at,
    read: row.read_at !== null,
  };
}
