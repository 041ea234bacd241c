import type { Generated } from 'kysely';

/** A user following an entity (commitment, plan, …) to hear about its changes. */
export interface FollowTable {
  id: string;
  user_id: string;
  entity_type: string;
  entity_id: string;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  title: string;
  body: string;
  /** Site-relative link to what changed. */
  url: string;
  /**
   * The message as keys and params (JSON, see notification-message.ts), rendered in the reader's
   * language when read; NULL on rows written before, which show their frozen title and body.
   */
  message: Generated<string | null>;
  created_at: string;
  read_at: string | null;
}

/** A missing row means the defaults: e-mail on, one mail per notification. */
export interface NotificationSettingsTable {
  user_id: string;
  email_enabled: number;
  /** 1: e-mail as one daily digest (notification-digest.ts) instead of one mail per notification. */
  email_digest: Generated<number>;
  updated_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    follows: FollowTable;
    notifications: NotificationTable;
    notification_settings: NotificationSettingsTable;
  }
}
