import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/config.js';
import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';

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
 * configured it is then sent and marked, and a failure is recorded rather than thrown, so a
 * down mail server never breaks a registration or a password reset.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, db: Db): Mailer {
  let transport: Transporter | null = null;
  return {
    async send(mail) {
      const id = newId();
      await db
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
      if (!config.smtpUrl) return;
      try {
        transport ??= nodemailer.createTransport(config.smtpUrl);
        await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
        await db.updateTable('outbox').set({ sent_at: nowIso() }).where('id', '=', id).execute();
      } catch (error) {
        await db
          .updateTable('outbox')
          .set({ error: String((error as Error).message ?? error).slice(0, 1000) })
          .where('id', '=', id)
          .execute();
      }
    },
  };
}
