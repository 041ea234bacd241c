import type { Messages } from './messages.js';
import { coreMessages } from './core.messages.js';
import { wilayahMessages } from '../features/wilayah/wilayah.messages.js';
import { accountMessages } from '../features/account/account.messages.js';
import { homeMessages } from '../features/home/home.messages.js';
import { historyMessages } from '../features/history/history.messages.js';
import { notificationMessages } from '../features/notification/notification.messages.js';

/** Every feature's messages. Register a feature's `*.messages.ts` here. */
const all: Messages[] = [coreMessages, wilayahMessages, accountMessages, homeMessages, historyMessages, notificationMessages];

function merge(locale: 'id' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of all) Object.assign(out, m[locale]);
  return out;
}

export const catalogs = { id: merge('id'), en: merge('en') } as const;
