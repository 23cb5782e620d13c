/**
 * `npm start`: builds the bundled example (generated afresh, so its maintenance windows and open
 * incident sit around the present moment) and serves it on a local URL, offline.
 *
 *   npm start                       the example, in .example/
 *   npm start -- --content content  your own content folder instead
 *   npm start -- --port 8080
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from './lib/build-site.ts';
import { writeExample } from '../src/lib/example/write.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    port: { type: 'string', default: '4321' },
  },
});

const work = resolve('.example');
const content = values.content ? resolve(values.content) : join(work, 'content');
const out = join(work, 'dist');
if (!values.content) {
  const files = writeExample({ out: content, now: Date.now() });
  console.log(`Generated the example site (${files} files) in ${content}`);
}
console.log('Building…');
const result = await buildSite({ content, out });
console.log(`Built ${result.pages} pages in ${(result.ms / 1000).toFixed(1)} s.`);

const preview = spawn(
  process.execPath,
  ['node_modules/astro/bin/astro.mjs', 'preview', '--host', '127.0.0.1', '--port', values.port],
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
