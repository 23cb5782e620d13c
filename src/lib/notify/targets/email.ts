/**
 * E-mail over SMTP with nodemailer: the e-mail variant's subject and plain-text body. The
 * Message-ID is made from the event id, so a message sent again after a lost answer can be
 * recognised as the same one; `Auto-Submitted` keeps out-of-office replies away (RFC 3834).
 */
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { EmailTarget } from '../../config/schema.ts';
import { getCACertificates } from 'node:tls';
import { DeliveryError, type Verdict } from '../delivery.ts';
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

/**
 * A sender for the target's SMTP server; every wait is bounded by `timeoutMs`. TLS is required —
 * from the first byte (`secure`, port 465) or by STARTTLS, with the certificate verified (`ca`
 * adds trusted authorities) — unless the target is a `local_relay_without_tls`, which the schema
 * allows no credentials: a password never travels in plain text.
 */
export function smtpSender(
  target: EmailTarget,
  timeoutMs: number,
  ca: readonly string[] = [],
): MailSender {
  const { host, port, secure, user, password, local_relay_without_tls: plainRelay } = target.smtp;
  const implicitTls = secure ?? port === 465;
  const transport = createTransport({
    host,
    port,
    secure: implicitTls,
    // STARTTLS or nothing: nodemailer fails (ETLS) before logging in or sending when it cannot.
    requireTLS: !implicitTls && !plainRelay,
    ignoreTLS: plainRelay,
    ...(ca.length > 0 ? { tls: { ca: [...getCACertificates('default'), ...ca] } } : {}),
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

/**
 * nodemailer's error codes, each with its verdict and the fixed phrase a report shows: the
 * server's own words are never shown, since a server may echo what it was sent.
 */
const SMTP_CODES: Readonly<Record<string, { verdict: Verdict; phrase: string }>> = {
  /** Refused, reset or unresolvable: the server is down or restarting. */
  ECONNECTION: { verdict: 'retry', phrase: 'cannot connect' },
  ESOCKET: { verdict: 'retry', phrase: 'connection failed' },
  EDNS: { verdict: 'retry', phrase: 'cannot resolve the host' },
  /** nodemailer's own deadlines (connection, greeting, inactivity). */
  ETIMEDOUT: { verdict: 'timeout', phrase: 'no answer in time' },
  /** No TLS offered, or a certificate that does not verify: sending again changes nothing. */
  ETLS: { verdict: 'permanent', phrase: 'TLS is required and could not be started' },
  /** Wrong credentials or a rejected address: trying again changes nothing. */
  EAUTH: { verdict: 'permanent', phrase: 'login refused' },
  EENVELOPE: { verdict: 'permanent', phrase: 'an address was refused' },
  EMESSAGE: { verdict: 'permanent', phrase: 'the message was refused' },
};

/**
 * A nodemailer error as a DeliveryError: "[SMTP] host:587: 550 the message was refused", or
 * "[SMTP] host:587: connection failed (ECONNREFUSED)". 4xx replies are temporary in SMTP, 5xx final.
 */
export function smtpError(where: string, error: unknown): DeliveryError {
  const e: { code?: unknown; originalCode?: unknown; responseCode?: unknown } =
    typeof error === 'object' && error !== null ? error : {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  const known = code === undefined ? undefined : SMTP_CODES[code];
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  let verdict: Verdict = known?.verdict ?? 'retry';
  if (reply !== undefined && code !== 'ETLS') verdict = reply < 500 ? 'retry' : 'permanent';
  const phrase =
    known?.phrase ?? (reply === undefined ? 'failed' : reply < 500 ? 'refused for now' : 'refused');
  const system = typeof e.originalCode === 'string' ? e.originalCode : code;
  const message =
    reply === undefined
      ? `${where}: ${phrase}${system === undefined ? '' : ` (${system})`}`
      : `${where}: ${reply} ${phrase}`;
  return new DeliveryError(message, { verdict, cause: error });
}
