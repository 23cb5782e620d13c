/**
 * Automatic incidents: a confirmed outage writes an incident file (`investigating`, the component,
 * its status and the reason); confirmed recovery appends a `resolved` update with the duration.
 * Files are edited through the YAML document model, so whatever an editor wrote stays as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify, type YAMLSeq } from 'yaml';
import { componentIds, type Config } from '../config/schema.ts';
import { splitFrontMatter } from '../content/front-matter.ts';
import type { IncidentData } from '../content/incident-schema.ts';
import { readMarkdownFolder } from '../content/loader.ts';
import { parseIncidentFile } from '../content/parse-entry.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { createFormatter } from '../i18n/format.ts';
import { buildIncident } from '../model/incident.ts';
import type { HealthStatus, Impact } from '../status.ts';
import type { ProbeState, StatusChange } from '../history/state.ts';

/** Which confirmed statuses open an incident, and with what impact. Degraded only shows. */
export const OPENS_INCIDENT: Partial<Record<HealthStatus, Impact>> = {
  major_outage: 'major',
  partial_outage: 'minor',
};

const TITLES: Record<HealthStatus, string> = {
  operational: '{name} is operational',
  degraded_performance: '{name} is slow',
  partial_outage: '{name} is partly down',
  major_outage: '{name} is down',
};

export interface AutoIncidentInput {
  contentDir: string;
  config: Config;
  changes: readonly StatusChange[];
  /** The state after this run; `incident` ids are updated in it. */
  state: ProbeState;
  /** Each component's reason in this run. */
  reasons: ReadonlyMap<string, string | undefined>;
  /** The run's clock, for which incidents are unresolved. */
  now: number;
  /** Dry run: decide, write nothing. */
  dryRun?: boolean;
}

/** What was done, for the run's report. */
export interface AutoIncidentAction {
  kind: 'opened' | 'updated' | 'resolved' | 'skipped';
  component: string;
  incident: string;
  note?: string;
}

/** Applies confirmed changes to incident files; returns what it did. */
export function applyAutoIncidents(input: AutoIncidentInput): AutoIncidentAction[] {
  if (!input.config.probe.auto_incidents || input.changes.length === 0) return [];
  const dir = join(input.contentDir, 'incidents');
  const actions: AutoIncidentAction[] = [];
  let unresolved: Map<string, string[]> | undefined;
  const openFor = (component: string): string[] => {
    unresolved ??= unresolvedByComponent(input.contentDir, input.config, input.now);
    return unresolved.get(component) ?? [];
  };
  for (const change of input.changes) {
    const component = input.config.components.find((c) => c.id === change.component);
    const entry = input.state.components[change.component];
    if (!component || !entry) continue;
    const reason = input.reasons.get(change.component);
    const tracked = entry.incident;
    if (change.to === 'operational') {
      if (!tracked) continue;
      delete entry.incident;
      const file = join(dir, `${tracked}.md`);
      if (!existsSync(file)) {
        actions.push({
          kind: 'skipped',
          component: component.id,
          incident: tracked,
          note: 'incident file is gone',
        });
        continue;
      }
      const since = Date.parse(String(incidentStart(file) ?? change.at));
      const fmt = createFormatter(input.config.site.locale, input.config.site.time_zone);
      const text = `Recovered: checks pass again after ${fmt.duration(change.at - since)}.`;
      if (appendUpdate(file, { at: iso(change.at), status: 'resolved', text }, input.dryRun)) {
        actions.push({ kind: 'resolved', component: component.id, incident: tracked });
      }
      continue;
    }
    const impact = OPENS_INCIDENT[change.to];
    if (tracked) {
      const file = join(dir, `${tracked}.md`);
      if (existsSync(file)) {
        const text = `Now ${change.to.replace(/_/g, ' ')}${reason ? `: ${reason}` : '.'}`;
        appendUpdate(
          file,
          {
            at: iso(change.at),
            status: 'investigating',
            text,
            components: { [component.id]: change.to },
          },
          input.dryRun,
          true,
        );
        actions.push({ kind: 'updated', component: component.id, incident: tracked });
      }
      continue;
    }
    if (!impact) continue;
    const already = openFor(component.id);
    if (already.length) {
      actions.push({
        kind: 'skipped',
        component: component.id,
        incident: already[0]!,
        note: 'an unresolved incident already covers it',
      });
      continue;
    }
    const id = freeId(
      dir,
      `auto-${component.id}-${new Date(change.at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`,
    );
    const data: IncidentData = {
      title: TITLES[change.to].replace('{name}', component.name),
      impact,
      components: { [component.id]: change.to },
      started_at: iso(change.at),
      source: 'prober',
      updates: [
        {
          at: iso(change.at),
          status: 'investigating',
          text: `Our checks find ${component.name} ${change.to === 'major_outage' ? 'down' : 'partly down'}${reason ? `: ${reason}.` : '.'} We are looking into it.`,
        },
      ],
    };
    if (!input.dryRun)
      writeFileAtomic(join(dir, `${id}.md`), `---\n${stringify(data, { lineWidth: 100 })}---\n`);
    entry.incident = id;
    actions.push({ kind: 'opened', component: component.id, incident: id });
  }
  return actions;
}

/** Ids of unresolved incidents per affected component, from the incident files. */
function unresolvedByComponent(
  contentDir: string,
  config: Config,
  now: number,
): Map<string, string[]> {
  const entries = readMarkdownFolder({
    root: contentDir,
    folder: 'incidents',
    parse: parseIncidentFile,
    components: componentIds(config),
  });
  const out = new Map<string, string[]>();
  const ctx = { now, render: (s: string) => s };
  for (const [id, entry] of entries) {
    const incident = buildIncident(id, entry, ctx);
    if (!incident || incident.resolvedAt !== null) continue;
    for (const c of incident.components) {
      if (!config.components.some((x) => x.id === c.id)) continue;
      out.set(c.id, [...(out.get(c.id) ?? []), id]);
    }
  }
  return out;
}

/** Appends an update to an incident file's front matter, keeping everything else as written. */
function appendUpdate(
  file: string,
  update: Record<string, unknown>,
  dryRun = false,
  keepStatus = false,
): boolean {
  const text = readFileSync(file, 'utf8');
  const split = splitFrontMatter(text);
  if (!split) return false;
  const doc = parseDocument(split.yaml);
  const updates = doc.get('updates') as YAMLSeq | undefined;
  if (!updates || !Array.isArray(updates.items)) return false;
  const list = doc.toJS() as { updates?: { status?: string }[] };
  const last = list.updates?.at(-1)?.status;
  if (!keepStatus && (last === 'resolved' || last === 'postmortem')) return false;
  const status = keepStatus && last && last !== 'resolved' ? last : update['status'];
  updates.add(doc.createNode({ ...update, status }));
  const rest = text.slice(text.indexOf('\n---', 3) + 4);
  if (!dryRun) writeFileAtomic(file, `---\n${doc.toString({ lineWidth: 100 })}---${rest}`);
  return true;
}

function incidentStart(file: string): string | undefined {
  const split = splitFrontMatter(readFileSync(file, 'utf8'));
  const data = split ? (parseDocument(split.yaml).toJS() as { started_at?: unknown }) : undefined;
  return typeof data?.started_at === 'string' ? data.started_at : undefined;
}

function freeId(dir: string, id: string): string {
  let candidate = id;
  for (let n = 2; existsSync(join(dir, `${candidate}.md`)); n++) candidate = `${id}-${n}`;
  return candidate;
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}
