/**
 * What a generated content folder's `state.json` should say: the decision the prober would have
 * recorded after the runs in its samples files, under its own configuration's policy.
 */
import { parseConfig } from '../../src/lib/config/load.ts';
import { parseSamples, SAMPLES_FILE, type Sample } from '../../src/lib/history/format.ts';
import { confirmPolicy, parseState, replay } from '../../src/lib/history/state.ts';
import type { HealthStatus } from '../../src/lib/status.ts';

/** Per component: the confirmed status in `state.json`, and the one its samples lead to. */
export function recordedAndReplayed(
  files: ReadonlyMap<string, string>,
): Record<string, { recorded: HealthStatus | undefined; replayed: HealthStatus | undefined }> {
  const config = parseConfig(files.get('heliograph.yaml') ?? '', 'heliograph.yaml');
  const policy = confirmPolicy(config.probe);
  const samples = new Map<string, Sample[]>();
  for (const [path, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const date = path.startsWith('history/') && SAMPLES_FILE.exec(path.slice(8))?.[1];
    if (!date) continue;
    for (const s of parseSamples(text, date).samples) {
      samples.set(s.component, [...(samples.get(s.component) ?? []), s]);
    }
  }
  const { state, problem } = parseState(files.get('history/state.json') ?? '');
  if (problem) throw new Error(`history/state.json is ${problem}`);
  return Object.fromEntries(
    config.components.map((c) => [
      c.id,
      {
        recorded: state.components[c.id]?.confirmed,
        replayed: replay(samples.get(c.id) ?? [], policy)?.confirmed,
      },
    ]),
  );
}
