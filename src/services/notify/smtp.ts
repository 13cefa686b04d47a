// E-mail over SMTP with nodemailer. Without SMTP_URL nothing is sent: messages stay queued until it is set.
import nodemailer, { type Transporter } from 'nodemailer';
import type { ServiceContext } from '../context.js';
import type { StoredMail } from './outbox.js';

const transports = new Map<string, Transporter>();

export function smtpConfigured(ctx: Pick<ServiceContext, 'config'>): boolean {
  return !!ctx.config.smtpUrl;
}

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(url, transport);
  }
  return transport;
}

/** Sends one e-mail now; returns the server's answer, throws when it refuses. */
export async function sendMailNow(ctx: ServiceContext, mail: StoredMail): Promise<string> {
  const url = ctx.config.smtpUrl;
  if (!url) throw new Error('no SMTP server is configured (SMTP_URL)');
  const info = await transportFor(url).sendMail({
    from: ctx.config.smtpFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content, 'base64'),
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
  });
  return String(info.response ?? 'sent');
}
