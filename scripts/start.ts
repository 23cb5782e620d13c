/**
 * `npm start`: builds the bundled example (generated afresh, so its maintenance windows and open
 * incident sit around the present moment) and serves it on a local URL, offline. Options and
 * help: START_COMMAND below.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { readCommandLine, usageError, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { buildSite } from './lib/build-site.ts';
import { portTaken } from './lib/port.ts';
import { contentProblems } from '../src/lib/content/check-folder.ts';
import { writeExample } from '../src/lib/example/write.ts';
import { formatProblems } from '../src/lib/validation/friendly-errors.ts';

/** The command line of `npm start`. */
const START_COMMAND = {
  usage: ['npm start -- [options]'],
  summary: [
    'Builds the example site, generated afresh so that its open incident and maintenance windows',
    'sit around the present moment, and serves it on 127.0.0.1, offline; or builds your own content.',
  ].join('\n'),
  options: {
    content: {
      type: 'string',
      value: 'DIR',
      help: 'build and serve this content folder instead of the example',
    },
    port: { type: 'string', default: '4321', value: 'N', help: 'the local port (default: 4321)' },
  },
  examples: ['npm start', 'npm start -- --content content --port 8080'],
  notes: ['The example is written to .example/content and built into .example/dist.'],
} as const satisfies CommandSpec;

const io = processIo('start');
const line = readCommandLine(process.argv.slice(2), START_COMMAND, io);
if (!line.ok) process.exit(line.code);
const { values } = line;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.exit(usageError(io, START_COMMAND, `--port "${values.port}" is not a port number`));
}

const HOST = '127.0.0.1';
// Asked before the build, which takes a while: another server (an earlier `npm start`, a preview)
// holding the port would otherwise end it all with a stack trace.
if (await portTaken(port, HOST)) {
  io.stderr(`start: port ${port} is in use: stop the other server or use --port N\n`);
  process.exit(1);
}

const work = resolve('.example');
const content = values.content ? resolve(values.content) : join(work, 'content');
const out = join(work, 'dist');
if (!values.content) {
  const files = writeExample({ out: content, now: Date.now() });
  console.log(`Generated the example site (${files} files) in ${content}`);
}
const problems = contentProblems(content);
if (problems.length) {
  io.stderr(`${formatProblems(problems)}\n`);
  process.exit(1);
}
console.log('Building…');
const result = await buildSite({ content, out }).catch((error: unknown) => {
  // The build's own output says what went wrong; a stack trace of this script would not.
  io.stderr(`start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
console.log(`Built ${result.pages} pages in ${(result.ms / 1000).toFixed(1)} s.`);

const preview = spawn(
  process.execPath,
  ['node_modules/astro/bin/astro.mjs', 'preview', '--host', HOST, '--port', String(port)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      HELIOGRAPH_CONTENT: content,
      HELIOGRAPH_OUT: out,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  },
);
preview.on('exit', (code) => {
  process.exitCode = code ?? 0;
});
