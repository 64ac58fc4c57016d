import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from './db/database';

/**
 * Sends the e-mails waiting in the outbox through SMTP (a background job, so a slow mail server
 * never slows a request). A failed one is retried at the next run, five times at most.
 */
export async function sendPendingEmails(
  db: Db,
  mail: { smtpUrl: string; from: string },
  transport: Pick<Transporter, 'sendMail'> = nodemailer.createTransport(mail.smtpUrl),
): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', 5)
    .orderBy('created_at')
    .limit(100)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const email of pending) {
    try {
      await transport.sendMail({
        from: mail.from,
        to: email.to_address,
        subject: email.subject,
        text: email.body,
      });
      await db
        .updateTable('email_outbox')
        .set((eb) => ({ sent_at: new Date(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', email.id)
        .execute();
      sent++;
    } catch (error) {
      await db
        .updateTable('email_outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: String((error as Error).message).slice(0, 500),
        }))
        .where('id', '=', email.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
