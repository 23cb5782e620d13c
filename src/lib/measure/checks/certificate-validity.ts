/**
 * How a certificate's validity period reads on a given day, counted from the injected clock (not
 * from OpenSSL's) so that "expires in 5 days" is testable and agrees with the rest of the run.
 */
import type { HealthStatus } from '../../status.ts';

const DAY_MS = 86_400_000;

/** The verdict on a validity period; `reason` is set whenever the status is not operational. */
export type CertificateVerdict =
  { status: 'operational' } | { status: Exclude<HealthStatus, 'operational'>; reason: string };

/** Options of `certificateValidity`. */
export interface ValidityOptions {
  validFrom: Date;
  validTo: Date;
  /** The current time in ms since the epoch. */
  now: number;
  /** Fewer whole days left than this is degraded_performance. */
  warnDays: number;
}

/**
 * Expired or not yet valid is a major outage (browsers refuse the site); fewer than `warnDays`
 * whole days left is degraded_performance, so someone renews before it expires.
 */
export function certificateValidity(options: ValidityOptions): CertificateVerdict {
  const { validFrom, validTo, now, warnDays } = options;
  if (now < validFrom.getTime()) {
    return {
      status: 'major_outage',
      reason: `certificate is not valid until ${validFrom.toISOString().slice(0, 10)}`,
    };
  }
  if (now > validTo.getTime()) {
    const ago = Math.floor((now - validTo.getTime()) / DAY_MS);
    return {
      status: 'major_outage',
      reason:
        ago === 0
          ? 'certificate expired less than a day ago'
          : `certificate expired ${days(ago)} ago`,
    };
  }
  const left = Math.floor((validTo.getTime() - now) / DAY_MS);
  if (left < warnDays) {
    return {
      status: 'degraded_performance',
      reason:
        left === 0
          ? 'certificate expires in less than a day'
          : `certificate expires in ${days(left)}`,
    };
  }
  return { status: 'operational' };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
