/**
 * Parses incident and maintenance files: front matter through their schemas, then the references
 * to components checked against the configuration, every problem with its file, line and field.
 */
import { z } from 'astro/zod';
import { missingFrontMatter, readFrontMatterYaml, splitFrontMatter, frontMatterBody } from './front-matter.ts';
import {
  fieldPath,
  sortProblems,
  validateLocated,
  type Parsed,
  type Problem,
} from '../validation/friendly-errors.ts';
import { unknownIdMessage } from '../validation/unknown-id.ts';
import { incidentSchema, type IncidentData } from './incident-schema.ts';
import { maintenanceSchema, type MaintenanceData } from './maintenance-schema.ts';

/** A parsed Markdown entry: its validated front matter and its Markdown body. */
export interface Entry<T> {
  data: T;
  body: string;
}

/** Parses `content/incidents/<id>.md`. */
export function parseIncidentFile(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): Parsed<Entry<IncidentData>> {
  return parseChecked(
    text,
    file,
    incidentSchema,
    (value, unknown) => {
      const raw = rawIncident.parse(value);
      for (const id of Object.keys(raw.components)) unknown(['components'], id);
      raw.updates.forEach((u, i) => {
        for (const id of Object.keys(u.components)) unknown(['updates', i, 'components'], id);
      });
    },
    components,
  );
}

/** Parses `content/maintenance/<id>.md`. */
export function parseMaintenanceFile(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): Parsed<Entry<MaintenanceData>> {
  return parseChecked(
    text,
    file,
    maintenanceSchema,
    (value, unknown) => {
      rawMaintenance.parse(value).components.forEach((id, i) => {
        if (id !== undefined) unknown(['components', i], id, true);
      });
    },
    components,
  );
}

/** A reference between entries that does not hold: the entry, the field's path, why. */
export interface ReferenceProblem {
  id: string;
  path: (string | number)[];
  message: string;
}

/**
 * References between incident files: `merged_into` names another incident, not itself, and a
 * chain of merges ends somewhere (no two incidents merged into each other).
 */
export function incidentReferences(
  entries: ReadonlyMap<string, Entry<IncidentData>>,
  ids: ReadonlySet<string> = new Set(entries.keys()),
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const [id, entry] of entries) {
    const into = entry.data.merged_into;
    if (into === undefined) continue;
    const path = ['merged_into'];
    if (into === id) {
      problems.push({ id, path, message: 'an incident cannot be merged into itself' });
      continue;
    }
    if (!ids.has(into)) {
      const message = unknownIdMessage({ what: 'incident', id: into, known: ids, where: ' in incidents/' });
      problems.push({ id, path, message });
      continue;
    }
    const seen = new Set([id]);
    for (let next: string | undefined = into; next !== undefined; ) {
      if (seen.has(next)) {
        problems.push({ id, path, message: `merges lead back to "${id}": ${[...seen].join(' → ')} → ${next}` });
        break;
      }
      seen.add(next);
      next = entries.get(next)?.data.merged_into;
    }
  }
  return problems;
}

type ReferenceCheck = (path: (string | number)[], id: string, isValue?: boolean) => void;

/**
 * The component references of an entry as written: a field the schema refuses reads as empty
 * here (the schema says what is wrong with it), so references are checked whatever else is wrong.
 */
const idRecord = z.record(z.string(), z.unknown()).catch({});
const rawIncident = z
  .looseObject({
    components: idRecord,
    updates: z.array(z.looseObject({ components: idRecord }).catch({ components: {} })).catch([]),
  })
  .catch({ components: {}, updates: [] });
const rawMaintenance = z
  .looseObject({ components: z.array(z.string().optional().catch(undefined)).catch([]) })
  .catch({ components: [] });

/**
 * Reads an entry: its front matter through the schema, and the components it names against the
 * configuration's, both at once so that one pass reports every problem of the file.
 */
function parseChecked<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  references: (value: unknown, check: ReferenceCheck) => void,
  components: ReadonlySet<string>,
): Parsed<Entry<z.output<S>>> {
  const split = splitFrontMatter(text);
  if (!split) return { ok: false, problems: [missingFrontMatter(file)] };
  const yaml = readFrontMatterYaml(split, file);
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  const parsed = validateLocated(yaml, file, schema);
  const problems: Problem[] = parsed.ok ? [] : parsed.problems;
  references(yaml.value, (path, id, isValue = false) => {
    if (components.has(id)) return;
    const at = isValue ? yaml.locate(path) : yaml.locate(path, id);
    problems.push({
      file,
      ...at,
      field: fieldPath(isValue ? path : [...path, id]),
      message: unknownIdMessage({ what: 'component', id, known: components, where: ' in heliograph.yaml' }),
    });
  });
  if (!parsed.ok || problems.length) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, data: { data: parsed.data, body: frontMatterBody(split) } };
}
