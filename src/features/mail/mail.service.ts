import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/config.js';
import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import { jobQueueOf } from '../../jobs/queue-registry.js';

/** The queue's job that sends one outbox mail over SMTP (registered in app/jobs.ts). */
export const MAIL_JOB = 'mail.send';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Routes reach the mailer the composition root made as `app.deps.mailer`. */
declare module '../../http/deps.js' {
  interface AppDeps {
    mailer: Mailer;
  }
}

/**
 * Every mail is written to the outbox first (admins can read it in the UI); when SMTP is
 * configured, a `mail.send` job is queued in the same transaction and a worker sends it, retried
 * with back-off while the mail server is down (each error kept on the outbox row), so a down mail
 * server never breaks a registration or a password reset, and a mail is sent once however many
 * processes run (the job's idempotency key is the outbox id).
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, db: Db): Mailer {
  return {
    async send(mail) {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('outbox')
          .values({
            id,
            to_address: mail.to,
            subject: mail.subject,
            body_text: mail.text,
            created_at: nowIso(),
            sent_at: null,
            error: null,
          })
          .execute();
        if (config.smtpUrl)
          await jobQueueOf(trx).enqueue(MAIL_JOB, { outboxId: id }, { singletonKey: `mail:${id}` }, trx);
      });
    },
  };
}

let transport: { url: string; transport: Transporter } | null = null;

/** The handler of `mail.send`: sends one outbox mail unless it was sent already; a failure is kept and thrown (retried). */
export async function sendOutboxMail(
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>,
  db: Db,
  outboxId: string,
): Promise<void> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', outboxId).executeTakeFirst();
  if (!row || row.sent_at || !config.smtpUrl) return;
  if (transport?.url !== config.smtpUrl)
    transport = { url: config.smtpUrl, transport: nodemailer.createTransport(config.smtpUrl) };
  try {
    await transport.transport.sendMail({
      from: config.mailFrom,
      to: row.to_address,
      subject: row.subject,
      text: row.body_text,
    });
  } catch (error) {
    await db
      .updateTable('outbox')
      .set({ error: String((error as Error).message ?? error).slice(0, 1000) })
      .where('id', '=', outboxId)
      .execute();
    throw error;
  }
  await db.updateTable('outbox').set({ sent_at: nowIso(), error: null }).where('id', '=', outboxId).execute();
}
