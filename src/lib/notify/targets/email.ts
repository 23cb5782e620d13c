/**
 * E-mail over SMTP with nodemailer: the e-mail variant's subject and plain-text body. The
 * Message-ID is made from the event id, so a message sent again after a lost answer can be
 * recognised as the same one; `Auto-Submitted` keeps out-of-office replies away (RFC 3834).
 */
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { EmailTarget } from '../../config/schema.ts';
import { DeliveryError } from '../delivery.ts';
import type { NotificationMessage } from '../message.ts';

/** The mail for `message`; `siteHost` names the Message-ID's domain. */
export function emailMessage(
  target: EmailTarget,
  message: NotificationMessage,
  siteHost: string,
): SendMailOptions {
  return {
    from: target.from,
    to: target.to,
    subject: message.texts.email.subject,
    text: message.texts.email.body,
    messageId: `<${message.event.id}@${siteHost}>`,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Heliograph-Event': message.event.kind,
    },
  };
}

/** Sends mail through the target's server, one connection per message. */
export interface MailSender {
  send: (mail: SendMailOptions, signal: AbortSignal) => Promise<string | undefined>;
  close: () => void;
}

/** A sender for the target's SMTP server; every wait is bounded by `timeoutMs`. */
export function smtpSender(target: EmailTarget, timeoutMs: number): MailSender {
  const { host, port, secure, user, password } = target.smtp;
  const transport = createTransport({
    host,
    port,
    // Port 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when offered.
    secure: secure ?? port === 465,
    ...(user === undefined ? {} : { auth: { user, pass: password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  const where = `[SMTP] ${host}:${port}`;
  return {
    send: (mail, signal) =>
      new Promise<string | undefined>((resolve, reject) => {
        // nodemailer takes no abort signal; the deadline is kept here whatever the server does.
        const onAbort = (): void =>
          reject(
            new DeliveryError(`${where}: no answer within ${timeoutMs / 1000} s`, {
              verdict: 'timeout',
              cause: signal.reason,
            }),
          );
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        transport.sendMail(mail).then(
          (info) => {
            signal.removeEventListener('abort', onAbort);
            resolve(typeof info.response === 'string' ? info.response : undefined);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(smtpError(where, error));
          },
        );
      }),
    close: () => transport.close(),
  };
}

/** SMTP codes and nodemailer error codes, each with its verdict. */
const SMTP_CODES: Readonly<Record<string, 'retry' | 'timeout' | 'permanent'>> = {
  /** Refused, reset or unresolvable: the server is down or restarting. */
  ECONNECTION: 'retry',
  ESOCKET: 'retry',
  EDNS: 'retry',
  /** nodemailer's own deadlines (connection, greeting, inactivity). */
  ETIMEDOUT: 'timeout',
  /** Wrong credentials or a rejected address: trying again changes nothing. */
  EAUTH: 'permanent',
  EENVELOPE: 'permanent',
  EMESSAGE: 'permanent',
};

/** A nodemailer error as a DeliveryError: 4xx replies are temporary in SMTP, 5xx final. */
export function smtpError(where: string, error: unknown): DeliveryError {
  const e = error as { message?: string; code?: string; responseCode?: number };
  const message = `${where}: ${(e.message ?? String(error)).replace(/\s+/g, ' ').trim()}`;
  let verdict = (e.code && SMTP_CODES[e.code]) || 'retry';
  if (e.responseCode !== undefined) verdict = e.responseCode < 500 ? 'retry' : 'permanent';
  return new DeliveryError(message, { verdict, cause: error });
}
