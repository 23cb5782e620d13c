/**
 * The fields editors fill in, each with its flag, its question and its check: a wrong value says
 * what is accepted (allowed words, known component ids, the time format).
 */
import type { ComponentConfig } from '../config/schema.ts';
import { HEALTH_STATUSES, type HealthStatus } from '../status.ts';
import type { Choice, Field } from './ask.ts';
import { UsageError } from './errors.ts';
import { parseId } from './slug.ts';
import { didYouMean } from '../text/closest.ts';
import { parseTime, type EditorTime } from './times.ts';

/** A component named on the command line, with the status the incident sets for it if given. */
export interface Affected {
  id: string;
  status?: HealthStatus;
}

/** Short words accepted for component statuses: the history files' words, quicker on a phone. */
const STATUS_ALIASES: Record<string, HealthStatus> = {
  up: 'operational',
  degraded: 'degraded_performance',
  partial: 'partial_outage',
  down: 'major_outage',
};

/** A required line of text (a title). */
export function textField(
  flag: string,
  given: string | undefined,
  question: string,
): Field<string> {
  return {
    flag,
    given,
    question,
    parse: (raw) => {
      const text = raw.trim();
      if (!text) throw new UsageError(`--${flag} is empty: write ${question.toLowerCase()}`);
      return text;
    },
  };
}

/** One of a list of words (impact, status). */
export function choiceField<T extends string>(
  flag: string,
  given: string | undefined,
  allowed: readonly T[],
  question: string,
  fallback?: T,
): Field<T> {
  return {
    flag,
    given,
    question,
    choices: allowed.map((value) => ({ value })),
    ...(fallback !== undefined ? { default: fallback } : {}),
    parse: (raw) => oneOf(flag, raw, allowed),
  };
}

/** A time, `now` when absent (never asked). */
export function timeField(
  flag: string,
  given: string | undefined,
  now: number,
  timeZone: string,
): Field<EditorTime> {
  return {
    flag,
    given,
    question: `${flag} (ISO 8601 with a zone, "now", or -30m)`,
    parse: (raw) => parseTime(raw, flag, now, timeZone),
    whenAbsent: () => parseTime('now', flag, now, timeZone),
  };
}

/** A required time (a maintenance window's start and end): asked for when absent. */
export function requiredTimeField(
  flag: string,
  given: string | undefined,
  question: string,
  now: number,
  timeZone: string,
): Field<EditorTime> {
  return {
    flag,
    given,
    question: `${question} (ISO 8601 with a zone, or +2h, +1d from now)`,
    parse: (raw) => parseTime(raw, flag, now, timeZone),
  };
}

/** An optional time: undefined when absent. */
export function optionalTimeField(
  flag: string,
  given: string | undefined,
  now: number,
  timeZone: string,
): Field<EditorTime | undefined> {
  return {
    flag,
    given,
    question: flag,
    parse: (raw) => parseTime(raw, flag, now, timeZone),
    whenAbsent: () => undefined,
  };
}

/** An id for a new entry: undefined when absent (one is made from the title). */
export function idField(given: string | undefined): Field<string | undefined> {
  return {
    flag: 'id',
    given,
    question: 'Id',
    parse: (raw) => parseId(raw),
    whenAbsent: () => undefined,
  };
}

/**
 * Components an incident affects: `api=major_outage web=partial_outage` (repeated flags or one
 * answer), numbers from the listed choices, or bare ids whose status is asked for next.
 */
export function affectedField(
  given: readonly string[] | undefined,
  components: readonly ComponentConfig[],
): Field<Affected[]> {
  return {
    flag: 'component',
    given: given?.join(' '),
    question: 'Affected components',
    choices: componentChoices(components),
    multiple: true,
    parse: (raw) => {
      const seen = new Set<string>();
      return tokens(raw).map((token) => {
        const [name = '', status] = token.split('=', 2);
        const id = componentId(name, components);
        if (seen.has(id)) throw new UsageError(`--component ${id} is given twice`);
        seen.add(id);
        return status === undefined ? { id } : { id, status: healthStatus(status, id) };
      });
    },
    complete: async (affected, asker) => {
      const bare = affected.filter((a) => a.status === undefined).map((a) => a.id);
      if (bare.length && !asker.interactive) {
        throw new UsageError(
          bare
            .map(
              (id) =>
                `--component ${id} needs a status, e.g. --component ${id}=major_outage (one of ${HEALTH_STATUSES.join(', ')})`,
            )
            .join('\n'),
        );
      }
      const out: Affected[] = [];
      for (const a of affected) {
        const component = components.find((c) => c.id === a.id)!;
        out.push({
          id: a.id,
          status: a.status ?? (await asker.ask(componentStatusField(component))),
        });
      }
      return out;
    },
  };
}

/** Affected components with their statuses, as front matter writes them. */
export function statusesOf(affected: readonly Affected[]): Record<string, HealthStatus> {
  // `complete` has filled in every status by the time fields resolve.
  return Object.fromEntries(affected.map((a) => [a.id, a.status ?? 'major_outage']));
}

/** Components under maintenance: ids or numbers from the listed choices. */
export function componentIdsField(
  given: readonly string[] | undefined,
  components: readonly ComponentConfig[],
): Field<string[]> {
  return {
    flag: 'component',
    given: given?.join(' '),
    question: 'Components under maintenance',
    choices: componentChoices(components),
    multiple: true,
    parse: (raw) => {
      const ids = tokens(raw).map((token) => {
        if (token.includes('=')) {
          throw new UsageError(
            `--component ${token}: maintenance takes component ids only (its status is "under maintenance")`,
          );
        }
        return componentId(token, components);
      });
      return [...new Set(ids)];
    },
  };
}

/** The question for one component's status, when it was named without one. */
export function componentStatusField(component: ComponentConfig): Field<HealthStatus> {
  return {
    flag: 'component',
    given: undefined,
    question: `Status of ${component.id} (${component.name})`,
    choices: HEALTH_STATUSES.filter((s) => s !== 'operational').map((value) => ({ value })),
    default: 'major_outage',
    parse: (raw) => healthStatus(raw, component.id),
  };
}

/** A word from an allowed list, or a usage error listing them. */
export function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const word = raw.trim().toLowerCase();
  const found = allowed.find((a) => a === word);
  if (found) return found;
  throw new UsageError(
    `--${flag} "${raw}" is not allowed${didYouMean(word, allowed)}: use one of ${allowed.join(', ')}`,
  );
}

function healthStatus(raw: string, id: string): HealthStatus {
  const alias = STATUS_ALIASES[raw.trim().toLowerCase()];
  if (alias) return alias;
  try {
    return oneOf('component', raw, HEALTH_STATUSES);
  } catch {
    // Reworded to name the component; the list of allowed values is the same.
    throw new UsageError(
      `--component ${id}=${raw}: "${raw}" is not a component status${didYouMean(raw, HEALTH_STATUSES)}: use one of ${HEALTH_STATUSES.join(', ')}`,
    );
  }
}

function componentId(token: string, components: readonly ComponentConfig[]): string {
  const ids = components.map((c) => c.id);
  if (/^\d+$/.test(token)) {
    const byNumber = ids[Number(token) - 1];
    if (byNumber) return byNumber;
  }
  const id = token.trim().toLowerCase();
  if (ids.includes(id)) return id;
  throw new UsageError(
    `--component "${token}" is not a component in heliograph.yaml${didYouMean(id, ids)}; known components: ${ids.join(', ')}`,
  );
}

function componentChoices(components: readonly ComponentConfig[]): Choice[] {
  return components.map((c) => ({ value: c.id, label: c.name }));
}

function tokens(raw: string): string[] {
  const list = raw.split(/[\s,]+/).filter(Boolean);
  if (!list.length) throw new UsageError('--component: name at least one component');
  return list;
}
