/**
 * `incident update <id>` and `incident resolve <id>`: append an update to an incident's timeline.
 * The file is edited through the YAML document model, so whatever else is in it stays as written.
 */
import { displayPath } from '../validation/friendly-errors.ts';
import { appendUpdate, checkIncident, type UpdateInput } from '../content/incident-document.ts';
import { editIncidentFile } from '../content/incident-files.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import type { Entry } from '../content/parse-entry.ts';
import { messages } from '../i18n/messages.ts';
import type { Incident } from '../model/incident.ts';
import { paths } from '../paths.ts';
import { INCIDENT_STATUSES, isResolvedStatus, type IncidentStatus } from '../status.ts';
import type { Field } from './ask.ts';
import { reportWritten, type EditorRun, type EditorValues } from './context.ts';
import { EditorError, UsageError } from './errors.ts';
import {
  affectedField,
  choiceField,
  statusesOf,
  textField,
  timeField,
  type Affected,
} from './fields.ts';
import { modelOf, readIncidents, readIncidentText, requireIncident } from './incident-index.ts';
import { parseId } from './slug.ts';
import { formatShort } from './times.ts';

/** Appends an update with the given (or asked) status and message. */
export async function updateIncident(
  run: EditorRun,
  given: string | undefined,
  values: EditorValues,
): Promise<void> {
  const id = await incidentId(run, given, 'update');
  const path = requireIncident(run, id, true);
  const { current } = load(run, id, path);
  const tz = run.config.site.time_zone;
  const components: Field<Affected[]> = {
    ...affectedField(values.component, run.config.components),
    whenAbsent: () => [],
  };
  const v = await run.asker.fields({
    status: choiceField('status', values.status, INCIDENT_STATUSES, 'Status', current.status),
    message: textField('message', values.message, 'Message (Markdown)'),
    components,
    at: timeField('at', values.at, run.now, tz),
  });
  const update: UpdateInput = {
    at: v.at.iso,
    status: v.status,
    ...(v.components.length ? { components: statusesOf(v.components) } : {}),
    text: v.message,
  };
  write(run, id, path, update, 'Updated');
  if (current.resolved && !isResolvedStatus(v.status)) {
    run.warn(`note: "${id}" was resolved; this ${v.status} update reopens it.`);
  }
}

/** Appends a `resolved` update; an already resolved incident is left alone, with a warning. */
export async function resolveIncident(
  run: EditorRun,
  given: string | undefined,
  values: EditorValues,
): Promise<void> {
  const id = await incidentId(run, given, 'resolve');
  const path = requireIncident(run, id, true);
  const tz = run.config.site.time_zone;
  const v = await run.asker.fields({
    message: {
      ...textField('message', values.message, 'Message'),
      // What `resolve` says when no message is given, in the site's language.
      whenAbsent: () => messages(run.config.site.locale).incidentText.resolved,
    },
    at: timeField('at', values.at, run.now, tz),
  });
  const { current } = load(run, id, path);
  if (current.resolved) {
    run.warn(
      `warning: "${id}" is already resolved (${current.status} since ${formatShort(current.since, tz)}); nothing written.\n` +
        `  To add a note anyway: update ${id} --status ${current.status} --message "…"`,
    );
    return;
  }
  write(run, id, path, { at: v.at.iso, status: 'resolved', text: v.message }, 'Resolved');
}

/** Checks, writes and reports an appended update. */
function write(run: EditorRun, id: string, path: string, update: UpdateInput, verb: string): void {
  editIncidentFile({
    path,
    file: displayPath(path),
    components: run.componentIds,
    edit: (doc) => {
      appendUpdate(doc, update);
      return true;
    },
    verify: (entry) => {
      const after = latest(id, entry);
      if (isResolvedStatus(update.status) !== (after.resolvedAt !== null)) {
        // Updates sort by time: one dated before the latest does not change the incident's state.
        throw new EditorError(
          `--at ${update.at} is before the latest update (${formatShort(after.updatedAt, run.config.site.time_zone)}), so the incident would stay ${after.status}: give a later --at, or none for now`,
        );
      }
    },
  });
  reportWritten(run, verb, path, paths.incident(id));
}

/**
 * The incident's state after its latest update (future ones included). The file is read again when
 * the update is written, so an edit made meanwhile (while questions were asked) is kept.
 */
function load(
  run: EditorRun,
  id: string,
  path: string,
): { current: { status: IncidentStatus; resolved: boolean; since: number } } {
  const text = readIncidentText(run, path);
  const entry = checkIncident(text, displayPath(path), run.componentIds);
  const incident = latest(id, entry);
  return {
    current: {
      status: incident.status,
      resolved: incident.resolvedAt !== null,
      since: incident.updatedAt,
    },
  };
}

/** The incident after all its updates, whatever their dates. */
function latest(id: string, entry: Entry<IncidentData>): Incident {
  const last = Math.max(...entry.data.updates.map((u) => Date.parse(u.at)));
  // The schema requires at least one update, so the model always has one to read.
  return modelOf(id, entry, last)!;
}

/** The incident id from the command line, or chosen from the unresolved ones on a terminal. */
async function incidentId(
  run: EditorRun,
  given: string | undefined,
  command: string,
): Promise<string> {
  if (given !== undefined) return parseId(given, `${command} <id>`);
  if (!run.asker.interactive) {
    throw new UsageError(
      `missing the incident id: ${command} <id> (\`list\` shows the unresolved incidents)`,
    );
  }
  const open = readIncidents(run).filter((i) => i.incident && i.incident.resolvedAt === null);
  return run.asker.ask({
    flag: 'id',
    given: undefined,
    question: open.length ? 'Which incident' : 'Incident id',
    choices: open.map((i) => ({ value: i.id, label: i.incident!.title })),
    parse: (raw) => {
      const id = parseId(raw, `${command} <id>`);
      try {
        requireIncident(run, id);
      } catch (error) {
        // On a terminal a wrong id is asked again, with the same message.
        throw new UsageError((error as Error).message, { cause: error });
      }
      return id;
    },
  });
}
