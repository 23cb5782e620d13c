/**
 * A local SMTP server on 127.0.0.1 (smtp-server, authentication optional) that records every
 * message with its envelope, its decoded headers and its decoded plain-text body, and the
 * credentials clients logged in with. It offers STARTTLS with a certificate for 127.0.0.1 under a
 * throwaway CA (`ca`, which clients must be given), or, asked for `plain`, no TLS at all.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { makeLocalCertificate } from '../support/probe-servers/tls.ts';

/** One message as the server received it. */
export interface RecordedMail {
  from: string;
  to: string[];
  /** Header names lower-case, encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  body: string;
  /** It came over TLS. */
  secure: boolean;
}

export interface SmtpRecorder {
  port: number;
  /** The CA that signed the server's certificate (PEM); empty for a plain server. */
  ca: string;
  mails: RecordedMail[];
  /** `user:password` of each login, with ` (plain text)` after a login without TLS. */
  logins: string[];
  /** The next `times` messages are refused with this reply code (e.g. 451 temporary, 550 final). */
  refuse: (times: number, code: number) => void;
  close: () => Promise<void>;
}

/**
 * Decides, before the server answers, whether a complete message is accepted (recorded, 250) or
 * dropped unanswered as if the server had crashed (not recorded; the client never hears back).
 */
export type SmtpGate = (mail: RecordedMail) => Promise<'accept' | 'drop'>;

/**
 * Starts the server on a free port; `plain` offers no STARTTLS; `gate` may hold each message
 * before it is accepted.
 */
export async function startSmtpRecorder(
  options: { plain?: boolean; gate?: SmtpGate } = {},
): Promise<SmtpRecorder> {
  const mails: RecordedMail[] = [];
  const logins: string[] = [];
  const refusals: number[] = [];
  const tls = options.plain ? undefined : await makeLocalCertificate();
  const server = new SMTPServer({
    authOptional: true,
    // Accepted in plain text too, so that a client that sends a password without TLS is caught.
    allowInsecureAuth: true,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    logger: false,
    onAuth(auth, session, callback) {
      const plain = session.secure ? '' : ' (plain text)';
      logins.push(`${auth.username ?? ''}:${auth.password ?? ''}${plain}`);
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code !== undefined) {
          const error = Object.assign(new Error(`refused on purpose (${code})`), {
            responseCode: code,
          });
          return callback(error);
        }
        const mail: RecordedMail = {
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
          secure: session.secure,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        if (!options.gate) {
          mails.push(mail);
          return callback();
        }
        void options.gate(mail).then((verdict) => {
          if (verdict === 'drop') return;
          mails.push(mail);
          callback();
        });
      });
    },
  });
  // A client that dies mid-session (a test killing it on purpose) resets its connection: not an
  // error of the server. Anything else still is.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    ca: tls?.ca ?? '',
    mails,
    logins,
    refuse: (times, code) => {
      for (let i = 0; i < times; i++) refusals.push(code);
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Headers and plain-text body of a single-part message. */
function parseMail(raw: string): Pick<RecordedMail, 'headers' | 'subject' | 'body'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(encoded)
        : encoded;
  return { headers, subject: headers['subject'] ?? '', body: body.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); spaces between two are dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_, _charset: string, kind: string, text: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : quotedPrintable(text.replace(/_/g, ' ')),
    );
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
