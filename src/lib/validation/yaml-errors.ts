/**
 * The `yaml` package's syntax errors in an editor's words. The package reports what its grammar
 * saw ("Nested mappings are not allowed in compact mappings", "All mapping items must start at the
 * same column"), often on the line before the mistake; a person needs the key that is out of place,
 * its line, and how many spaces put it back. The error codes and positions say which mistake it
 * is; the lines above the mistake say where the key belongs.
 *
 * Grammar of the lines read here (block YAML as people write configuration): a key line is
 * `<indent>[- ]key: [value]`; a list item line starts with `- `; blank lines and `#` comments are
 * skipped. Flow collections (`{ … }`, `[ … ]`) and multi-line values are left to the package's own
 * words.
 */
import type { YAMLError } from 'yaml';

/** A syntax error explained: where the mistake is (an offset in the text) and what to do. */
export interface YamlExplanation {
  pos: number;
  message: string;
  /** The line the advice takes its bearings from ("like \"url\" on line 3"). */
  about?: number;
}

/** One line of YAML as far as indentation goes. */
interface Line {
  /** 1-based line number. */
  number: number;
  /** Offset of the line's first character in the text. */
  start: number;
  /** Spaces before the first character. */
  indent: number;
  /** Column (0-based) of the `-` of a list item, or undefined. */
  dash: number | undefined;
  /** The key on the line (after any `- `), or undefined. */
  key: string | undefined;
  /** Column (0-based) where the key starts. */
  keyColumn: number;
  /** What follows `key:` on the line, trimmed (empty when the value is on the lines below). */
  value: string;
  /** The line after its indentation. */
  rest: string;
  /** Blank or a comment only. */
  empty: boolean;
}

const KEY = /^([^\s#'"{[\]},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

/**
 * Explains a syntax error in the terms of the keys around it; undefined when the error is not one
 * of indentation or of a colon (the caller then shows the package's own words).
 */
export function explainYamlError(
  text: string,
  error: YAMLError,
  lineOffset = 0,
): YamlExplanation | undefined {
  const lines = readLines(text, lineOffset);
  const at = lineAt(lines, error.pos[0]);
  if (!at) return undefined;
  // Codes are shared by several mistakes (a BAD_INDENT may be an unclosed `[`): the message says which.
  const { code, message } = error;
  if (code === 'TAB_AS_INDENT') {
    return {
      pos: at.start,
      message: `line ${at.number} is indented with a tab: YAML takes spaces only (two per level)`,
    };
  }
  if (
    (code === 'BAD_INDENT' &&
      /^All (mapping|sequence) items must start at the same column/.test(message)) ||
    (code === 'MISSING_CHAR' && message.startsWith('Sequence item without')) ||
    (code === 'BLOCK_AS_IMPLICIT_KEY' && message.startsWith('A block sequence'))
  ) {
    return misaligned(lines, contentLineFrom(lines, at));
  }
  if (
    (code === 'BLOCK_AS_IMPLICIT_KEY' && message.startsWith('Nested mappings')) ||
    (code === 'MULTILINE_IMPLICIT_KEY' && message.startsWith('Implicit keys need'))
  ) {
    return colonInValue(at) ?? missingSpace(at) ?? nestedUnderValue(lines, at);
  }
  return undefined;
}

/**
 * A key (or list item) that lines up with nothing above it: the columns open at that point are
 * those of the keys it could belong with; the nearest one is suggested (the deeper on a tie, as a
 * key slipped out of its block more often than into another).
 */
function misaligned(lines: readonly Line[], line: Line | undefined): YamlExplanation | undefined {
  if (!line || line.empty) return undefined;
  const open = openBlocks(lines, line);
  if (line.dash !== undefined && line.dash === line.indent) {
    // A list item: it must start where the other items of its list start.
    const items = open.filter((o) => o.dash !== undefined);
    const best = nearest(items, (o) => o.dash!, line.indent);
    const shown = `"${line.rest.length > 40 ? `${line.rest.slice(0, 39)}…` : line.rest}"`;
    if (!best) {
      return {
        pos: line.start + line.indent,
        message: `the list item ${shown} has no list to belong to: put it under a key, indented by two spaces more than that key`,
      };
    }
    const parent = parentOf(open, best);
    return {
      pos: line.start + line.indent,
      about: best.number,
      message: `the list item ${shown} is indented by ${spaces(line.indent)}: indent it by ${spaces(best.dash!)}, like the item on line ${best.number}, to make it another item of ${parent ? `"${parent.key}"` : 'the list'}`,
    };
  }
  if (line.key === undefined) return undefined;
  const best = nearest(open, (o) => o.keyColumn, line.keyColumn);
  if (!best) return undefined;
  return {
    pos: line.start + line.keyColumn,
    about: best.number,
    message: `"${line.key}" is indented by ${spaces(line.keyColumn)}, unlike the keys around it: indent it by ${spaces(best.keyColumn)}, like "${best.key}" on line ${best.number}, ${belongs(open, best)}`,
  };
}

/** `key: text: more` — a colon and a space inside a value that is not quoted. */
function colonInValue(line: Line): YamlExplanation | undefined {
  if (line.key === undefined || !/:(\s|$)/.test(line.value) || /^["'[{|>]/.test(line.value)) {
    return undefined;
  }
  const quoted = `"${line.value.replace(/\s+#.*$/, '').replace(/["\\]/g, '\\$&')}"`;
  return {
    pos: line.start + line.keyColumn,
    message: `the value of "${line.key}" contains ": ", which YAML reads as the start of another key: put the value in quotes, ${line.key}: ${quoted}`,
  };
}

/** `key:value` — no space after the colon, so YAML reads one long key. */
function missingSpace(line: Line): YamlExplanation | undefined {
  if (line.key !== undefined) return undefined;
  const match = /^(?:-\s+)?([A-Za-z0-9_-]+):(\S.*)$/.exec(line.rest);
  if (!match || /^\/\//.test(match[2]!)) return undefined;
  return {
    pos: line.start + line.keyColumn,
    message: `"${match[1]}:${match[2]}" needs a space after the colon: ${match[1]}: ${match[2]}`,
  };
}

/**
 * A key indented under a key whose value is on its own line (`url: https://…` then a deeper
 * `timeout_seconds: 5`): YAML cannot nest a key under a plain value.
 */
function nestedUnderValue(lines: readonly Line[], line: Line): YamlExplanation | undefined {
  if (line.key === undefined || !line.value) return undefined;
  const next = lines.slice(lines.indexOf(line) + 1).find((l) => !l.empty);
  if (!next || next.key === undefined || next.indent <= line.keyColumn) return undefined;
  const open = openBlocks(lines, next);
  return {
    pos: next.start + next.keyColumn,
    about: line.number,
    message: `"${next.key}" is indented more than "${line.key}" on line ${line.number}, but "${line.key}" has its value on that line, so nothing can go under it: indent "${next.key}" by ${spaces(line.keyColumn)}, like "${line.key}", ${belongs(open, line)}`,
  };
}

/** Where a key at the column of `sibling` ends up, in words. */
function belongs(open: readonly Line[], sibling: Line): string {
  const parent = parentOf(open, sibling);
  if (!parent) return 'to make it a top-level key';
  // The sibling sits in a list item when a `- ` opened a mapping at its column below the parent.
  const inItem = open.some(
    (o) =>
      o.dash !== undefined &&
      o.keyColumn === sibling.keyColumn &&
      o.number > parent.number &&
      o.number <= sibling.number,
  );
  return inItem
    ? `to keep it in the same item of "${parent.key}"`
    : `to keep it under "${parent.key}"`;
}

/** The block that holds a line: the nearest open line above it with a smaller key column. */
function parentOf(open: readonly Line[], line: Line): Line | undefined {
  const column = line.dash ?? line.keyColumn;
  return open
    .filter((o) => o.keyColumn < column && o.key !== undefined && o.number < line.number)
    .at(-1);
}

/**
 * The lines whose blocks are still open just before `before`: walking up, each line that starts
 * left of every line seen since. Their key columns are the places a key may start.
 */
function openBlocks(lines: readonly Line[], before: Line): Line[] {
  const open: Line[] = [];
  let limit = Infinity;
  for (let i = lines.indexOf(before) - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.empty) continue;
    const column = line.dash ?? line.keyColumn;
    if (line.keyColumn < limit || column < limit) {
      open.unshift(line);
      limit = Math.min(limit, column);
    }
    if (limit === 0) break;
  }
  return open;
}

/** The candidate whose column is nearest `column`, the deeper one on a tie. */
function nearest(
  candidates: readonly Line[],
  columnOf: (l: Line) => number,
  column: number,
): Line | undefined {
  let best: Line | undefined;
  for (const c of candidates) {
    if (columnOf(c) === column) continue;
    const d = Math.abs(columnOf(c) - column);
    const bestD = best ? Math.abs(columnOf(best) - column) : Infinity;
    if (d < bestD || (d === bestD && best && columnOf(c) > columnOf(best))) best = c;
  }
  return best;
}

/** The text's lines; `lineOffset` lines come before it in its file (front matter's fence). */
function readLines(text: string, lineOffset: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    const body = raw.replace(/\r$/, '');
    const indent = /^ */.exec(body)![0].length;
    const rest = body.slice(indent);
    const dashed = /^-(\s+|$)/.exec(rest);
    const afterDash = dashed ? rest.slice(dashed[0].length) : rest;
    const keyColumn = indent + (dashed ? dashed[0].length : 0);
    const key = KEY.exec(afterDash.replace(/\s+#.*$/, ''));
    lines.push({
      number: i + 1 + lineOffset,
      start,
      indent,
      dash: dashed ? indent : undefined,
      key: key ? key[1]!.replace(/^["']|["']$/g, '') : undefined,
      keyColumn,
      value: key ? (key[2] ?? '').trim() : '',
      rest,
      empty: rest === '' || rest.startsWith('#'),
    });
    start += raw.length + 1;
  }
  return lines;
}

function lineAt(lines: readonly Line[], pos: number): Line | undefined {
  let found: Line | undefined;
  for (const line of lines) {
    if (line.start > pos) break;
    found = line;
  }
  return found;
}

/** The line itself if it has content, else the next one that has (errors may point at a line end). */
function contentLineFrom(lines: readonly Line[], line: Line): Line | undefined {
  return lines.slice(lines.indexOf(line)).find((l) => !l.empty);
}

function spaces(n: number): string {
  return n === 0 ? 'no spaces' : n === 1 ? '1 space' : `${n} spaces`;
}
