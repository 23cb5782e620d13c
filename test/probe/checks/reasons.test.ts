import { describe, expect, it } from 'vitest';
import { certificateValidity } from '../../../src/lib/measure/checks/certificate-validity.ts';
import {
  listWords,
  networkErrorReason,
  seconds,
  timeoutReason,
} from '../../../src/lib/measure/checks/reasons.ts';

/** An error as Node raises it: a message and a code. */
function nodeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('reason wording', () => {
  it('writes the deadline in seconds as given', () => {
    expect(seconds(5000)).toBe('5');
    expect(seconds(500)).toBe('0.5');
    expect(seconds(1250)).toBe('1.25');
    expect(timeoutReason(10_000, 'headers')).toBe('timeout after 10 s waiting for headers');
    expect(timeoutReason(5000, 'connecting')).toBe('timeout after 5 s connecting');
  });

  it('words the network errors that local servers cannot produce', () => {
    const reason = (message: string, code: string) =>
      networkErrorReason(nodeError(message, code), 'connecting', 'shop.example');
    expect(reason('getaddrinfo ENOTFOUND shop.example', 'ENOTFOUND')).toBe(
      'DNS lookup failed: NXDOMAIN',
    );
    expect(reason('getaddrinfo EAI_AGAIN shop.example', 'EAI_AGAIN')).toBe(
      'DNS lookup failed: temporary failure (EAI_AGAIN)',
    );
    expect(reason('connect EHOSTUNREACH 10.0.0.1:443', 'EHOSTUNREACH')).toBe('host unreachable');
    expect(
      reason("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'),
    ).toBe('certificate is not valid for shop.example');
    expect(
      reason('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'),
    ).toBe('certificate not trusted (SELF_SIGNED_CERT_IN_CHAIN)');
    expect(reason('error:0A000410:SSL routines::sslv3 alert handshake failure', 'EPROTO')).toBe(
      'TLS handshake failed (EPROTO)',
    );
    expect(
      networkErrorReason(nodeError('socket hang up', 'ECONNRESET'), 'headers', 'shop.example'),
    ).toBe('connection closed while waiting for headers');
    expect(networkErrorReason(new Error('odd\nfailure'), 'body', 'shop.example')).toBe(
      'odd failure',
    );
  });

  it('lists values in words', () => {
    expect(listWords([])).toBe('nothing');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
    expect(listWords(['1', '2', '3', '4', '5', '6', '7'])).toBe('1, 2, 3, 4, 5 and 2 more');
  });
});

describe('certificate validity', () => {
  const DAY = 86_400_000;
  const validFrom = new Date('2026-01-01T00:00:00Z');
  const validTo = new Date('2026-04-01T00:00:00Z');
  const at = (iso: string, warnDays = 14) =>
    certificateValidity({ validFrom, validTo, now: Date.parse(iso), warnDays });

  it('is operational with more days left than the warning', () => {
    expect(at('2026-02-01T00:00:00Z')).toEqual({ status: 'operational' });
    expect(at('2026-03-18T00:00:00Z')).toEqual({ status: 'operational' });
  });

  it('degrades within the warning window, in whole days', () => {
    expect(at('2026-03-18T00:00:01Z')).toEqual({
      status: 'degraded_performance',
      reason: 'certificate expires in 13 days',
    });
    expect(at('2026-03-30T12:00:00Z').status).toBe('degraded_performance');
    expect(
      certificateValidity({ validFrom, validTo, now: validTo.getTime() - DAY, warnDays: 14 }),
    ).toEqual({
      status: 'degraded_performance',
      reason: 'certificate expires in 1 day',
    });
    expect(at('2026-03-31T23:00:00Z')).toMatchObject({
      reason: 'certificate expires in less than a day',
    });
    expect(at('2026-03-31T23:00:00Z', 0)).toEqual({ status: 'operational' });
  });

  it('fails after the end and before the start', () => {
    expect(at('2026-04-04T01:00:00Z')).toEqual({
      status: 'major_outage',
      reason: 'certificate expired 3 days ago',
    });
    expect(at('2026-04-01T05:00:00Z')).toMatchObject({
      reason: 'certificate expired less than a day ago',
    });
    expect(at('2025-12-30T00:00:00Z')).toEqual({
      status: 'major_outage',
      reason: 'certificate is not valid until 2026-01-01',
    });
  });
});
