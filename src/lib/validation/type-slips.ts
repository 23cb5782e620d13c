/**
 * A value of the wrong type, explained by what YAML made of the text: `0612345678` is a number
 * (and loses its leading zero), `yes` is text in YAML 1.2, `"25"` in quotes is text, `5s` is not a
 * number. Each explanation says what to write instead.
 */

/** What the schema wanted and what the file holds. */
export interface TypeSlip {
  /** zod's expected type: `string`, `number`, `boolean`, `array`, `object`… */
  expected: string;
  /** The value YAML read. */
  value: unknown;
  /** The value as written in the file, when it is a scalar. */
  source: string | undefined;
  /** The field's name, to show the line to write. */
  key: string | undefined;
}

/** Words YAML 1.1 read as true or false and YAML 1.2 reads as text. */
const YAML11_BOOLEANS: Readonly<Record<string, boolean>> = {
  yes: true,
  y: true,
  on: true,
  true: true,
  no: false,
  n: false,
  off: false,
  false: false,
};

/** The explanation, or undefined when there is nothing to add to zod's words. */
export function explainTypeSlip(slip: TypeSlip): string | undefined {
  const { expected, value, key } = slip;
  const written = slip.source ?? (typeof value === 'string' ? value : JSON.stringify(value));
  const line = (v: string): string => (key ? `${key}: ${v}` : v);
  switch (expected) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') {
        const kind = typeof value === 'number' ? 'a number' : 'true or false';
        return `expected text, but YAML reads ${written} as ${kind}: put it in quotes, ${line(JSON.stringify(written))}`;
      }
      return isCollection(value) ? `expected text, not ${collectionWords(value)}` : undefined;
    case 'number':
    case 'int':
      if (typeof value !== 'string')
        return isCollection(value) ? `expected a number, not ${collectionWords(value)}` : undefined;
      if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        return `expected a number, but the quotes make it text: write ${line(value.trim())}`;
      }
      {
        const unit = /^\s*(-?\d+(?:\.\d+)?)\s*[a-zA-Zµ%]+\s*$/.exec(value);
        if (unit)
          return `expected a plain number, the unit being in the field's name: write ${line(unit[1]!)}`;
      }
      return `expected a number, not the text ${JSON.stringify(value)}`;
    case 'boolean': {
      if (typeof value !== 'string') return undefined;
      const meant = YAML11_BOOLEANS[value.trim().toLowerCase()];
      if (meant === undefined) return `expected true or false, not ${JSON.stringify(value)}`;
      return slip.source === undefined || /^(true|false)$/i.test(value.trim())
        ? `expected true or false, without quotes: write ${line(String(meant))}`
        : `expected true or false: YAML reads ${written} as text, so write ${line(String(meant))}`;
    }
    case 'array':
      if (isCollection(value) && !Array.isArray(value)) {
        return 'expected a list: start each item on its own line with "- "';
      }
      return `expected a list: write ${written} as its item, on its own line starting with "- "`;
    case 'object':
      if (Array.isArray(value))
        return 'expected fields ("key: value" lines), not a list: remove the "- "';
      return `expected fields, one "key: value" per line indented under ${key ? `"${key}"` : 'it'}, not the value ${JSON.stringify(written)}`;
    default:
      return undefined;
  }
}

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function collectionWords(value: object): string {
  return Array.isArray(value) ? 'a list' : 'a group of fields';
}
