/** `incident maintenance new`: schedules a maintenance window in `content/maintenance/<id>.md`. */
import { join } from 'node:path';
import { displayPath } from '../validation/friendly-errors.ts';
import { paths } from '../paths.ts';
import { maintenanceFile, reportWritten, type EditorRun, type EditorValues } from './context.ts';
import { createFileExclusive } from './create-file.ts';
import { EditorError, UsageError } from './errors.ts';
import { componentIdsField, idField, requiredTimeField, textField } from './fields.ts';
import { checkMaintenance, renderMaintenance } from '../content/maintenance-document.ts';
import { defaultId, freeId } from './slug.ts';
import { parseTime } from './times.ts';

/** Writes a new maintenance window from flags and answers; returns its id. */
export async function newMaintenance(run: EditorRun, values: EditorValues): Promise<string> {
  const tz = run.config.site.time_zone;
  const v = await run.asker.fields({
    title: textField('title', values.title, 'Title'),
    start: requiredTimeField('start', values.start, 'Start', run.now, tz),
    end: requiredTimeField('end', values.end, 'End', run.now, tz),
    components: componentIdsField(values.component, run.config.components),
    message: textField('message', values.message, 'What is being done (Markdown)'),
    id: idField(values.id),
  });
  if (v.end.epoch <= v.start.epoch) {
    throw new UsageError(`--end (${v.end.iso}) must be after --start (${v.start.iso})`);
  }
  // The announcement, dated now: the feeds date the window's entry by it and notifications
  // announce the window when they first see it.
  const published = parseTime('now', 'at', run.now, tz);
  const text = renderMaintenance({
    title: v.title,
    start: v.start.iso,
    end: v.end.iso,
    components: v.components,
    updates: [{ at: published.iso, status: 'scheduled' }],
    body: v.message,
  });
  const dir = join(run.contentDir, 'maintenance');
  const id = v.id ?? freeId(dir, defaultId(v.title, v.start.epoch, tz, 'maintenance'));
  const file = maintenanceFile(run, id);
  checkMaintenance(text, displayPath(file), run.componentIds);
  if (!createFileExclusive(file, text)) {
    throw new EditorError(
      `${displayPath(file)} already exists, and is never overwritten: choose another --id`,
    );
  }
  reportWritten(run, 'Created', file, paths.maintenance(id));
  if (v.end.epoch <= run.now) {
    run.warn('note: this window is already over; it shows among past maintenance.');
  }
  return id;
}
