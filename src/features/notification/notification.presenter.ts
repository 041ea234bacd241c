import type { listNotifications } from './notification.service.js';

type Row = Awaited<ReturnType<typeof listNotifications>>[number];

export function presentNotification(row: Row) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    url: row.url,
    createdAt: row.created_at,
    read: row.read_at !== null,
  };
}
