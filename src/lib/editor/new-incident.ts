/** `incident new`: opens an incident in a new file, `content/incidents/<id>.md`. */
import { join } from 'node:path';
import { displayPath } from '../validation/friendly-errors.ts';
import { paths } from '../paths.ts';
import { IMPACTS, INCIDENT_STATUSES } from '../status.ts';
import { incidentFile, reportWritten, type EditorRun, type EditorValues } from './context.ts';
import { createFileExclusive } from './create-file.ts';
import { EditorError, UsageError } from './errors.ts';
import {
  affectedField,
  choiceField,
  idField,
  optionalTimeField,
  statusesOf,
  textField,
  timeField,
} from './fields.ts';
import { checkIncident, renderIncident, type IncidentInput } from '../content/incident-document.ts';
import { defaultId, freeId } from './slug.ts';
import { chooseTemplate, filledTemplate } from './templates.ts';

/**
 * Writes a new incident from flags and answers; returns its id. A template (`--template`, or one
 * chosen on a terminal) gives the defaults: a flag still wins, and its placeholders are filled once
 * the components are known.
 */
export async function newIncident(run: EditorRun, values: EditorValues): Promise<string> {
  const tz = run.config.site.time_zone;
  const template = await chooseTemplate(run, values.template);
  const fromTemplate = <T, F extends { whenAbsent?: () => unknown }>(
    field: F,
    value: T | undefined,
  ): F => (value === undefined ? field : { ...field, whenAbsent: () => value });
  const templateComponents = template?.components
    ? Object.entries(template.components).map(([id, status]) => ({ id, status }))
    : undefined;
  const v = await run.asker.fields({
    title: fromTemplate(textField('title', values.title, 'Title'), template?.title),
    impact: fromTemplate(choiceField('impact', values.impact, IMPACTS, 'Impact'), template?.impact),
    components: fromTemplate(
      affectedField(values.component, run.config.components),
      templateComponents,
    ),
    status: fromTemplate(
      choiceField('status', values.status, INCIDENT_STATUSES, 'Status', 'investigating'),
      template && (template.status ?? 'investigating'),
    ),
    message: fromTemplate(
      textField('message', values.message, 'Message (Markdown)'),
      template?.message,
    ),
    at: timeField('at', values.at, run.now, tz),
    started: optionalTimeField('started', values.started, run.now, tz),
    id: idField(values.id),
  });
  if (v.started && v.started.epoch > v.at.epoch) {
    throw new UsageError(
      `--started (${v.started.iso}) is after --at (${v.at.iso}): the problem must start first`,
    );
  }

  const components = statusesOf(v.components);
  const fill = (text: string): string => (template ? filledTemplate(run, text, components) : text);
  const input: IncidentInput = {
    title: fill(v.title),
    impact: v.impact,
    components,
    ...(v.started ? { started_at: v.started.iso } : {}),
    updates: [{ at: v.at.iso, status: v.status, text: fill(v.message) }],
  };
  const text = renderIncident(input);
  const dir = join(run.contentDir, 'incidents');
  const id = v.id ?? freeId(dir, defaultId(input.title, v.at.epoch, tz, 'incident'));
  const file = incidentFile(run, id);
  // The build's own parser, before anything is written: an invalid file never lands.
  checkIncident(text, displayPath(file), run.componentIds);
  if (!createFileExclusive(file, text)) {
    throw new EditorError(
      `${displayPath(file)} already exists, and is never overwritten: choose another --id, or post to it with \`update ${id}\``,
    );
  }
  reportWritten(run, 'Created', file, paths.incident(id));
  if (v.at.epoch > run.now) {
    run.warn(
      `note: the update is dated in the future (${v.at.iso}); the incident shows from then on.`,
    );
  }
  return id;
}
