/**
 * `npm run probe-matrix`: prints the probe workflow's matrix (`matrix=<json>`) and its number of
 * shards (`shards=N`: the workflow checks in one job when it is 1), from `probe.shards` and
 * `probe.runners` in heliograph.yaml; inside GitHub Actions both are appended to $GITHUB_OUTPUT.
 * Options and help: MATRIX_COMMAND below.
 */
import { appendFileSync } from 'node:fs';
import { CONTENT_OPTION, readCommandLine, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { loadConfig } from '../src/lib/config/load.ts';
import { ContentError } from '../src/lib/validation/friendly-errors.ts';
import { probeMatrix } from '../src/lib/measure/matrix.ts';

/** The command line of `npm run probe-matrix`. */
const MATRIX_COMMAND = {
  usage: ['npm run probe-matrix -- [options]'],
  summary: [
    "Prints the probe workflow's job matrix, one job per shard (`probe.shards`) on its runner",
    '(`probe.runners`), as `matrix=<json>`, and `shards=N`; in GitHub Actions, also appends both',
    'to $GITHUB_OUTPUT.',
  ].join('\n'),
  options: {
    content: CONTENT_OPTION,
  },
  examples: ['npm run --silent probe-matrix'],
  notes: ['Exit codes: 0 printed; 1 invalid configuration; 2 bad usage.'],
} as const satisfies CommandSpec;

const io = processIo('probe-matrix');
const line = readCommandLine(process.argv.slice(2), MATRIX_COMMAND, io);
if (!line.ok) process.exitCode = line.code;
else {
  try {
    const matrix = probeMatrix(loadConfig(line.values.content).probe);
    const text = `matrix=${JSON.stringify(matrix)}\nshards=${matrix.include.length}\n`;
    process.stdout.write(text);
    if (process.env['GITHUB_OUTPUT']) appendFileSync(process.env['GITHUB_OUTPUT'], text);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
