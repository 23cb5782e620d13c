/**
 * Parses incident and maintenance files: front matter through their schemas, then the references
 * to components checked against the configuration, every problem with its file, line and field.
 */
import type { z } from 'astro/zod';
import { parseFrontMatter, type FrontMatterFile } from './front-matter.ts';
import { fieldPath, type Parsed, type Problem } from '../validation/friendly-errors.ts';
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
    (data, unknown) => {
      for (const id of Object.keys(data.components)) unknown(['components'], id);
      data.updates.forEach((u, i) => {
        for (const id of Object.keys(u.components ?? {})) unknown(['updates', i, 'components'], id);
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
    (data, unknown) => {
      data.components.forEach((id, i) => unknown(['components', i], id, true));
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
    if (!entries.has(into)) {
      problems.push({ id, path, message: `no incident "${into}" in incidents/` });
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

function parseChecked<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  references: (data: z.output<S>, check: ReferenceCheck) => void,
  components: ReadonlySet<string>,
): Parsed<Entry<z.output<S>>> {
  const parsed = parseFrontMatter(text, file, schema);
  if (!parsed.ok) return parsed;
  const { data, body, yaml }: FrontMatterFile<z.output<S>> = parsed.data;
  const problems: Problem[] = [];
  references(data, (path, id, isValue = false) => {
    if (components.has(id)) return;
    const at = isValue ? yaml.locate(path) : yaml.locate(path, id);
    problems.push({
      file,
      ...at,
      field: fieldPath(isValue ? path : [...path, id]),
      message: `no component with id "${id}" in heliograph.yaml`,
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, data: { data, body } };
}
