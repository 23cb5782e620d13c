/**
 * Values from flags, or from questions on a terminal when flags are missing. Off a terminal a
 * missing value is a usage error naming the flag, so scripts never hang waiting for an answer.
 */
import { UsageError } from './errors.ts';

/** Shows a question and resolves to the line typed, or undefined once the input has ended. */
export type Prompt = (question: string) => Promise<string | undefined>;

/** One of the values offered by a question. */
export interface Choice {
  value: string;
  /** Shown beside the value, e.g. a component's name. */
  label?: string;
}

/** A value that may come from a flag or from a question. */
export interface Field<T> {
  /** The flag's name, without dashes. */
  flag: string;
  /** The flag's value, if given. */
  given: string | undefined;
  /** What the question asks, e.g. "Title". */
  question: string;
  /** Checks and converts a value; throws a UsageError that says what is accepted. */
  parse: (raw: string) => T;
  /** Values listed by number; one may be answered by its number. */
  choices?: readonly Choice[];
  /** Several choices may be given in one answer (the parser reads the numbers itself). */
  multiple?: boolean;
  /** The answer taken when Enter is pressed on an empty line. */
  default?: string;
  /** The value of an optional field whose flag is absent; such a field is never asked for. */
  whenAbsent?: () => T;
  /**
   * Completes a value with follow-up questions (e.g. the status of a component named without one),
   * right after it is known; off a terminal it throws a UsageError saying what to add.
   */
  complete?(value: T, asker: Asker): Promise<T>;
}

type Values<S> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Wrong answers tolerated before giving up, so that a stuck script cannot loop for ever. */
const ATTEMPTS = 5;

/** Resolves fields from flags and, on a terminal, questions. */
export interface Asker {
  /** Whether questions can be asked. */
  readonly interactive: boolean;
  /**
   * Every field: given flags are checked first (all their problems reported together), then the
   * missing ones are asked for in order, or reported together off a terminal.
   */
  fields<S extends Record<string, Field<unknown>>>(specs: S): Promise<Values<S>>;
  /** Asks one question (on a terminal only). */
  ask<T>(field: Field<T>): Promise<T>;
}

/** Creates an asker over a prompt; wrong answers are explained on `stderr` and asked again. */
export function createAsker(options: {
  interactive: boolean;
  prompt: Prompt;
  stderr: (text: string) => void;
}): Asker {
  const ask = async <T>(field: Field<T>): Promise<T> => {
    if (!options.interactive) throw missing([field.flag]);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const answer = await options.prompt(renderQuestion(field));
      if (answer === undefined) {
        throw new UsageError(`no answer for --${field.flag}: input ended, nothing written`);
      }
      let raw = answer.trim();
      if (raw === '' && field.default !== undefined) raw = field.default;
      if (raw === '') {
        options.stderr('  An answer is needed.\n');
        continue;
      }
      if (field.choices && !field.multiple && /^\d+$/.test(raw)) {
        raw = field.choices[Number(raw) - 1]?.value ?? raw;
      }
      try {
        return field.parse(raw);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        options.stderr(`  ${error.message}\n`);
      }
    }
    throw new UsageError(`no valid answer for --${field.flag} after ${ATTEMPTS} tries`);
  };

  const asker: Asker = {
    interactive: options.interactive,
    ask,
    async fields<S extends Record<string, Field<unknown>>>(specs: S): Promise<Values<S>> {
      const out: Record<string, unknown> = {};
      const problems: string[] = [];
      const absent: string[] = [];
      for (const [key, field] of Object.entries(specs)) {
        if (field.given === undefined) {
          if (field.whenAbsent) out[key] = field.whenAbsent();
          else absent.push(key);
          continue;
        }
        try {
          out[key] = field.parse(field.given);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          problems.push(error.message);
        }
      }
      if (problems.length) throw new UsageError(problems.join('\n'));
      if (absent.length && !options.interactive) throw missing(absent.map((k) => specs[k]!.flag));
      for (const [key, field] of Object.entries(specs)) {
        if (absent.includes(key)) out[key] = await ask(field);
        if (field.complete) out[key] = await field.complete(out[key], asker);
      }
      return out as Values<S>;
    },
  };
  return asker;
}

/** The error for values neither given nor askable. */
export function missing(flags: readonly string[]): UsageError {
  const list = flags.map((f) => `--${f}`).join(', ');
  return new UsageError(
    `missing ${list}: give ${flags.length === 1 ? 'it' : 'them'} on the command line (or run the command in a terminal to be asked)`,
  );
}

/** The text of a question: its choices numbered, then the line to answer on. */
export function renderQuestion(field: Field<unknown>): string {
  const lines: string[] = [];
  let ask = field.question;
  if (field.choices?.length) {
    lines.push(`${field.question}:`);
    const width = Math.max(...field.choices.map((c) => c.value.length));
    field.choices.forEach((c, i) => {
      const n = String(i + 1).padStart(String(field.choices!.length).length);
      lines.push(`  ${n}  ${c.label ? `${c.value.padEnd(width)}  ${c.label}` : c.value}`);
    });
    ask = field.multiple
      ? 'Choose one or more (numbers or ids, separated by spaces)'
      : `Choose 1-${field.choices.length} or type it`;
  }
  const fallback = field.default !== undefined ? ` [${field.default}]` : '';
  lines.push(`${ask}${fallback}: `);
  return lines.join('\n');
}
