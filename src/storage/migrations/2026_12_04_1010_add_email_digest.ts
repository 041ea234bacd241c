import type { Kysely } from 'kysely';

/** E-mail as one daily digest instead of one mail per notification (notification/notification-digest.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('notification_settings')
    .addColumn('email_digest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_settings').dropColumn('email_digest').execute();
}
