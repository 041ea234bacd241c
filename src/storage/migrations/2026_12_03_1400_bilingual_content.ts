import type { Kysely } from 'kysely';

/**
 * Issue 13 items 8 and 9: English versions beside the Indonesian text of commitments, plans and
 * idea responses (a JSON object `{"en": {field: text}}`, empty for every existing row); a
 * notification's message as a key and params, rendered in the reader's language when read (old
 * rows keep `message` NULL and show their frozen title and body); the responding official tied to
 * the account (old answers keep their free-text name with `responder_from_account` 0); and the
 * hashed tracking token of an anonymous idea; and an account's position (jabatan), which an
 * official's answers are signed with.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('commitments')
    .addColumn('translations', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('plans')
    .addColumn('translations', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('ideas')
    .addColumn('response_translations', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('ideas').addColumn('responder_organization_id', 'varchar(36)').execute();
  await db.schema
    .alterTable('ideas')
    .addColumn('responder_from_account', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('ideas').addColumn('tracking_token_hash', 'varchar(64)').execute();
  await db.schema.createIndex('ideas_tracking_token_idx').on('ideas').column('tracking_token_hash').unique().execute();
  await db.schema.alterTable('notifications').addColumn('message', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('position', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('position').execute();
  await db.schema.alterTable('notifications').dropColumn('message').execute();
  await db.schema.dropIndex('ideas_tracking_token_idx').ifExists().execute();
  for (const column of [
    'tracking_token_hash',
    'responder_from_account',
    'responder_organization_id',
    'response_translations',
  ])
    await db.schema.alterTable('ideas').dropColumn(column).execute();
  await db.schema.alterTable('plans').dropColumn('translations').execute();
  await db.schema.alterTable('commitments').dropColumn('translations').execute();
}
