/**
 * The `tls` check: a TLS handshake whose certificate is then judged here rather than by OpenSSL's
 * accept/refuse, so that the reason can say what is wrong and how many days are left. The order
 * of the verdicts is the order of urgency: the validity dates (counted from the injected clock),
 * then the host name, then the chain of trust.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, connect, getCACertificates, type TLSSocket } from 'node:tls';
import type { Check } from '../../config/schema.ts';
import type { CheckResult, CheckRunner } from '../types.ts';
import { certificateValidity } from './certificate-validity.ts';
import { startPhases, watchConnection } from './phases.ts';
import {
  certificateErrorReason,
  errorCode,
  networkErrorReason,
  timeoutReason,
  type Stage,
} from './reasons.ts';

type TlsCheck = Extract<Check, { type: 'tls' }>;
type Verdict = Omit<CheckResult, 'attempts' | 'phases'>;

/**
 * Verification codes about dates, ignored from OpenSSL: they follow the machine's clock, while the
 * dates are judged from `ctx.now()` with the number of days in the reason.
 */
const CLOCK_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Runs a `tls` check once. */
export const tlsRunner: CheckRunner<TlsCheck> = (check, ctx) => {
  const clock = startPhases();
  const name = check.servername ?? check.host;
  let stage: Stage = isIP(check.host) === 0 ? 'resolving' : 'connecting';
  if (ctx.signal.aborted) {
    return Promise.resolve({
      status: 'major_outage',
      reason: timeoutReason(ctx.timeoutMs, stage),
      phases: clock.read(),
    });
  }

  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({
      host: check.host,
      port: check.port,
      // Accept any certificate so that it can be inspected; the verdict comes from `judge`.
      rejectUnauthorized: false,
      // SNI carries host names only (RFC 6066 §3); Node warns when given an IP address.
      ...(isIP(name) === 0 ? { servername: name } : {}),
      ...(ctx.ca !== undefined && ctx.ca.length > 0
        ? { ca: [...getCACertificates('default'), ...ctx.ca] }
        : {}),
    });

    function settle(verdict: Verdict): void {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ ...verdict, phases: clock.read() });
    }
    function onAbort(): void {
      settle({ status: 'major_outage', reason: timeoutReason(ctx.timeoutMs, stage) });
    }
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    watchConnection(socket, clock, (phase) => {
      stage = phase === 'dns' ? 'connecting' : 'tls';
    });
    socket.on('secureConnect', () => {
      clock.mark('tls');
      settle(judge(socket, name, check.warn_days ?? ctx.policy.tls_warning_days, ctx.now()));
    });
    socket.on('error', (error) => {
      settle({ status: 'major_outage', reason: networkErrorReason(error, stage, name) });
    });
    socket.on('close', () => {
      settle({ status: 'major_outage', reason: `connection closed ${duringStage(stage)}` });
    });
  });
};

/** The verdict on the certificate of an established TLS connection. */
function judge(socket: TLSSocket, name: string, warnDays: number, now: number): Verdict {
  // The legacy object first: on Node 24, calling getPeerX509Certificate() before it leaves its
  // `subjectaltname` empty, and checkServerIdentity would then refuse every name.
  const legacy = socket.getPeerCertificate();
  const certificate = socket.getPeerX509Certificate();
  if (certificate === undefined) {
    return { status: 'major_outage', reason: 'the server presented no certificate' };
  }
  const validity = certificateValidity({
    validFrom: certificate.validFromDate,
    validTo: certificate.validToDate,
    now,
    warnDays,
  });
  if (validity.status === 'major_outage') return validity;
  // The same host-name rules as an HTTPS client (RFC 6125), IP addresses included.
  if (checkServerIdentity(name, legacy) !== undefined) {
    return { status: 'major_outage', reason: `certificate is not valid for ${name}` };
  }
  const code = trustErrorCode(socket.authorizationError);
  if (code !== undefined && !CLOCK_CODES.has(code)) {
    return { status: 'major_outage', reason: certificateErrorReason(code, name) };
  }
  return validity.status === 'operational' ? { status: 'operational' } : validity;
}

function duringStage(stage: Stage): string {
  return stage === 'tls' ? 'during the TLS handshake' : 'while connecting';
}

/**
 * OpenSSL's verification code. Node stores it as a plain string ("DEPTH_ZERO_SELF_SIGNED_CERT")
 * although @types/node declares an Error; both are handled. Null when the chain is trusted.
 */
function trustErrorCode(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return errorCode(error) ?? error.message;
  return undefined;
}
