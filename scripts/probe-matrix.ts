/**
 * Prints the probe workflow's matrix (`matrix=<json>`), from `probe.shards` and `probe.runners` in
 * content/heliograph.yaml; inside GitHub Actions it is appended to $GITHUB_OUTPUT.
 */
import { appendFileSync } from 'node:fs';
import { loadConfig } from '../src/lib/config/load.ts';
import { ContentError } from '../src/lib/validation/friendly-errors.ts';
import { probeMatrix } from '../src/lib/measure/matrix.ts';

try {
  const line = `matrix=${JSON.stringify(probeMatrix(loadConfig(process.argv[2] ?? 'content').probe))}\n`;
  process.stdout.write(line);
  if (process.env['GITHUB_OUTPUT']) appendFileSync(process.env['GITHUB_OUTPUT'], line);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
