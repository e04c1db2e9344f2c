import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send: (mail: Mail) => Promise<void>; kind: 'smtp' | 'log' };

/** SMTP when SMTP_URL is set; otherwise a development transport that writes each message to the log. */
export function createMailer(options: { smtpUrl?: string; from: string; log: Logger }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: 'smtp',
      send: async (m) => {
        await transport.sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
      },
    };
  }
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    kind: 'log',
    send: async (m) => {
      const info = await transport.sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
      options.log.info({ mail: JSON.parse(String(info.message)) }, 'development mail (not sent)');
    },
  };
}
