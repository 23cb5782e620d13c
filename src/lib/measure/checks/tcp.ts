/**
 * The `tcp` check: a TCP connection, and optionally the first words the server says (an SMTP
 * "220", an SSH "SSH-"). Without `expect_banner`, an accepted connection is enough: many services
 * wait for the client to speak first.
 */
import { connect, isIP } from 'node:net';
import type { Check } from '../../config/schema.ts';
import type { CheckRunner } from '../types.ts';
import { startPhases, watchConnection } from './phases.ts';
import { networkErrorReason, quote, timeoutReason, type Stage } from './reasons.ts';

type TcpCheck = Extract<Check, { type: 'tcp' }>;

/**
 * Bytes of banner read at most. Banners are one line; servers may send a few lines before it
 * (RFC 4253 §4.2 allows it for SSH), so this leaves room for several.
 */
const BANNER_LIMIT_BYTES = 4096;

/** Runs a `tcp` check once. */
export const tcpRunner: CheckRunner<TcpCheck> = (check, ctx) => {
  const clock = startPhases();
  const expected = check.expect_banner;
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
    let banner = Buffer.alloc(0);
    const socket = connect({ host: check.host, port: check.port });

    function settle(reason?: string): void {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      const phases = clock.read();
      resolve(
        reason === undefined
          ? { status: 'operational', phases }
          : { status: 'major_outage', reason, phases },
      );
    }
    /** When the banner cannot be complete any more (closed, full or out of time), judge it. */
    function judgeBanner(ifEmpty: string): void {
      if (expected === undefined) return;
      const text = banner.toString('utf8');
      if (text.includes(expected)) settle();
      else if (banner.length === 0) settle(ifEmpty);
      else
        settle(
          `banner does not contain ${quote(expected, ctx.scrub)} (got ${quote(firstLine(text), ctx.scrub)})`,
        );
    }
    function onAbort(): void {
      if (stage === 'banner') judgeBanner(timeoutReason(ctx.timeoutMs, 'banner'));
      else settle(timeoutReason(ctx.timeoutMs, stage));
    }
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    watchConnection(socket, clock, (phase) => {
      if (phase === 'dns') stage = 'connecting';
      else if (expected === undefined) settle();
      else stage = 'banner';
    });
    socket.on('data', (chunk: Buffer) => {
      if (banner.length === 0) clock.mark('firstByte');
      banner = Buffer.concat([banner, chunk]).subarray(0, BANNER_LIMIT_BYTES);
      if (expected !== undefined && banner.toString('utf8').includes(expected)) settle();
      else if (banner.length >= BANNER_LIMIT_BYTES) judgeBanner('');
    });
    socket.on('end', () => judgeBanner('connection closed before the banner'));
    socket.on('close', () => {
      if (stage === 'banner') judgeBanner('connection closed before the banner');
      else settle('connection closed');
    });
    socket.on('error', (error) => settle(networkErrorReason(error, stage, check.host)));
  });
};

function firstLine(text: string): string {
  return text.trimStart().split(/\r?\n/, 1)[0] ?? '';
}
