/**
 * A Dockerfile read as BuildKit reads it, for the instructions the subscription service's image
 * uses, so that the replay (build.ts, run.ts) can rebuild and start the image without an engine.
 * Anything the replay would not reproduce is refused with its position, so the Dockerfile cannot
 * grow an instruction, a flag or a shell construct that no test exercises.
 *
 * Grammar (https://docs.docker.com/reference/dockerfile/#format), as far as it is accepted here:
 * - a line whose first non-blank character is `#` is a comment, also inside a continued
 *   instruction; a blank line inside a continued instruction is dropped too;
 * - a line ending in `\` (trailing blanks allowed) continues on the next one; the `\` and the line
 *   break are removed;
 * - an instruction is a keyword (any case) and its arguments; parser directives (`# syntax=`,
 *   `# escape=`) are refused, so `\` is always the escape character;
 * - CMD and HEALTHCHECK take the exec form (a JSON array of strings) or, when the text is not such
 *   an array, the shell form (`/bin/sh -c text`), exactly as BuildKit decides;
 * - every other argument is a plain word: letters, digits and `_ . / : @ + , = -`. Quotes, `$`
 *   (variable substitution) and shell operators other than `&&` between RUN commands are refused:
 *   the replay does not expand them.
 *
 * Written here rather than taken from dockerfile-ast: that library leaves HEALTHCHECK's JSON
 * unparsed, keeps comment lines inside argument text and splits words without quotes, so adapting
 * it took as much code as this.
 */
import { constants } from 'node:os';

/** A line and column of the Dockerfile, both from 1. */
export interface Position {
  line: number;
  column: number;
}

/** What a CMD or HEALTHCHECK runs: an argument vector, or text for `/bin/sh -c`. */
export type Command = { form: 'exec'; argv: string[] } | { form: 'shell'; text: string };

/** HEALTHCHECK's options, durations in milliseconds (Docker's defaults when absent). */
export interface HealthcheckOptions {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
}

/** One instruction the replay understands, with where it starts. */
export type Instruction = { at: Position } & (
  | { keyword: 'FROM'; image: string }
  | { keyword: 'WORKDIR'; path: string }
  | { keyword: 'ENV'; pairs: [name: string, value: string][] }
  | { keyword: 'COPY'; sources: string[]; dest: string }
  /** Commands joined by `&&`, each as its words. */
  | { keyword: 'RUN'; commands: string[][] }
  | { keyword: 'VOLUME'; paths: string[] }
  | { keyword: 'EXPOSE'; ports: number[] }
  | { keyword: 'USER'; user: string; group: string | undefined }
  | { keyword: 'HEALTHCHECK'; options: HealthcheckOptions; command: Command }
  | { keyword: 'STOPSIGNAL'; signal: NodeJS.Signals }
  | { keyword: 'CMD'; command: Command }
);

/** A Dockerfile the replay cannot follow: `file:line:column KEYWORD: message`. */
export class DockerfileError extends Error {
  override name = 'DockerfileError';
}

/** Parses `text` (named `file` in errors); throws a DockerfileError at the first refusal. */
export function parseDockerfile(text: string, file: string): Instruction[] {
  return logicalLines(text, file).map((line) => instruction(line, file));
}

/** Docker's defaults for HEALTHCHECK (docs: "HEALTHCHECK"). */
const HEALTHCHECK_DEFAULTS: HealthcheckOptions = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  startPeriodMs: 0,
  retries: 3,
};

const HEALTHCHECK_FLAGS: Record<string, keyof HealthcheckOptions> = {
  interval: 'intervalMs',
  timeout: 'timeoutMs',
  'start-period': 'startPeriodMs',
  retries: 'retries',
};

const WORD = /^[\w./:@+,=-]+$/;

/** One instruction with its continuation lines joined, and where each of its pieces came from. */
interface LogicalLine {
  text: string;
  /** Where `text[offset]` is in the file, for each physical line that contributed. */
  pieces: { offset: number; at: Position }[];
}

function logicalLines(text: string, file: string): LogicalLine[] {
  const lines = text.split(/\r?\n/);
  const directive = /^#\s*([a-z][a-z0-9]*)\s*=/i.exec(lines[0] ?? '');
  if (directive)
    throw new DockerfileError(
      `${file}:1:1 ${directive[1]}: parser directives are not replayed (the escape character must stay \\)`,
    );
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  lines.forEach((raw, index) => {
    const blank = raw.trim() === '';
    if (/^\s*#/.test(raw) || blank) return;
    const continued = /\\[ \t]*$/.exec(raw);
    const body = continued ? raw.slice(0, continued.index) : raw;
    current ??= { text: '', pieces: [] };
    current.pieces.push({ offset: current.text.length, at: { line: index + 1, column: 1 } });
    current.text += body;
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

function positionOf(line: LogicalLine, offset: number): Position {
  const piece = line.pieces.findLast((p) => p.offset <= offset) ?? line.pieces[0]!;
  return { line: piece.at.line, column: piece.at.column + offset - piece.offset };
}

/**
 * One instruction from its logical line. Longer than 80 lines: one case per keyword, each a few
 * lines that say what that keyword accepts; apart they would only be harder to compare.
 */
function instruction(line: LogicalLine, file: string): Instruction {
  const match = /^(\s*)(\S+)\s*/.exec(line.text)!;
  const keyword = match[2]!.toUpperCase();
  const start = match[0].length;
  const keywordAt = match[1]!.length;
  const at = positionOf(line, keywordAt);
  const rest = line.text.slice(start).trimEnd();
  /** Fails at `offset` in the line: by default the keyword, else the argument at fault. */
  const fail: (message: string, offset?: number) => never = (message, offset = keywordAt) => {
    const p = positionOf(line, offset);
    throw new DockerfileError(`${file}:${p.line}:${p.column} ${keyword}: ${message}`);
  };
  const words = (text: string, offset: number): string[] => {
    const found: string[] = [];
    for (const m of text.matchAll(/\S+/g)) {
      if (!WORD.test(m[0]) && m[0] !== '&&')
        fail(
          `"${m[0]}": quotes, variables and shell syntax are not replayed`,
          offset + (m.index ?? 0),
        );
      found.push(m[0]);
    }
    return found;
  };
  /** Flags come before the arguments (`COPY --chown=…`, `RUN --mount=…`): none is replayed. */
  const noFlags = (list: string[]): string[] => {
    if (list[0]?.startsWith('--')) fail(`the flag ${list[0]} is not replayed`);
    return list;
  };
  const one = (list: string[], what: string): string => {
    if (list.length !== 1) fail(`give one ${what}`);
    return list[0]!;
  };

  switch (keyword) {
    case 'FROM': {
      const list = noFlags(words(rest, start));
      if (list.length !== 1) fail('multi-stage builds (FROM … AS name) are not replayed');
      return { at, keyword, image: list[0]! };
    }
    case 'WORKDIR':
      return { at, keyword, path: one(words(rest, start), 'path') };
    case 'ENV': {
      const pairs = words(rest, start).map((w): [string, string] => {
        const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w);
        if (!pair) return fail(`"${w}": write NAME=value (the legacy "ENV NAME value" is refused)`);
        return [pair[1]!, pair[2]!];
      });
      if (!pairs.length) fail('nothing to set');
      return { at, keyword, pairs };
    }
    case 'COPY': {
      const list = noFlags(words(rest, start));
      if (list.length < 2) fail('give at least one source and a destination');
      return { at, keyword, sources: list.slice(0, -1), dest: list.at(-1)! };
    }
    case 'RUN': {
      if (rest.startsWith('[')) fail('the exec form of RUN is not replayed');
      const commands: string[][] = [[]];
      for (const w of noFlags(words(rest, start)))
        if (w === '&&') commands.push([]);
        else commands.at(-1)!.push(w);
      if (commands.some((c) => c.length === 0)) fail('an empty command around &&');
      return { at, keyword, commands };
    }
    case 'VOLUME': {
      const json = jsonArray(rest);
      const paths = json ?? words(rest, start);
      if (!paths.length || paths.some((p) => !p.startsWith('/'))) fail('give absolute paths');
      return { at, keyword, paths };
    }
    case 'EXPOSE': {
      const ports = words(rest, start).map((w) => {
        const port = /^(\d+)(\/tcp)?$/.exec(w);
        return port ? Number(port[1]) : fail(`"${w}": a TCP port such as 8080`);
      });
      return { at, keyword, ports };
    }
    case 'USER': {
      const [user, group, ...more] = one(words(rest, start), 'user').split(':');
      if (more.length || !user) fail('write USER name or USER name:group');
      return { at, keyword, user, group };
    }
    case 'STOPSIGNAL': {
      const signal = one(words(rest, start), 'signal');
      if (!isSignal(signal)) return fail(`"${signal}" is not a signal name such as SIGTERM`);
      return { at, keyword, signal };
    }
    case 'CMD':
      return { at, keyword, command: command(rest) ?? fail('give a command') };
    case 'HEALTHCHECK': {
      const options = { ...HEALTHCHECK_DEFAULTS };
      let text = rest;
      for (
        let flag;
        (flag = /^--([a-z-]+)=(\S+)\s*/.exec(text));
        text = text.slice(flag[0].length)
      ) {
        const name = HEALTHCHECK_FLAGS[flag[1]!];
        if (!name) fail(`the flag --${flag[1]} is not replayed`);
        const value = name === 'retries' ? Number(flag[2]) : durationMs(flag[2]!);
        if (!Number.isInteger(value) || value < 0) fail(`--${flag[1]}: "${flag[2]}" is no value`);
        options[name] = value;
      }
      const sub = /^(\S+)\s*/.exec(text);
      if (sub?.[1]?.toUpperCase() !== 'CMD')
        return fail('only HEALTHCHECK [options] CMD command is replayed');
      const cmd = command(text.slice(sub[0].length)) ?? fail('give a command');
      return { at, keyword, options, command: cmd };
    }
    default:
      return fail('this instruction is not replayed; teach test/support/dockerfile/ to check it');
  }
}

/** The exec form when `text` is a JSON array of strings (as BuildKit decides), else the shell form. */
function command(text: string): Command | undefined {
  if (!text) return undefined;
  const argv = jsonArray(text);
  return argv ? { form: 'exec', argv } : { form: 'shell', text };
}

function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    // Not JSON: BuildKit takes the text as the shell form, and so does the replay.
    return undefined;
  }
}

/** A Go duration as HEALTHCHECK takes it (`30s`, `1m30s`, `500ms`); NaN when it is none. */
function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return NaN;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * units[m[2]!]!;
  return Math.round(total);
}

function isSignal(name: string): name is NodeJS.Signals {
  return Object.hasOwn(constants.signals, name);
}
