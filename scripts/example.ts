/**
 * Writes the bundled example content (Forno Aurora) into a folder.
 *
 *   npm run example -- [--out content] [--now 2026-11-21T09:00:00Z] [--seed 20211004]
 *
 * The folder's incidents/, maintenance/, templates/ and history/ are replaced; nothing else in it
 * is touched.
 */
import { parseArgs } from 'node:util';
import { writeExample } from '../src/lib/example/write.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'content' },
    now: { type: 'string' },
    seed: { type: 'string' },
  },
});

const now = values.now ? Date.parse(values.now) : Date.now();
if (Number.isNaN(now)) {
  console.error(`--now "${values.now}" is not an ISO 8601 time`);
  process.exitCode = 2;
} else {
  const count = writeExample({
    out: values.out,
    now,
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  console.log(
    `Wrote the example (${count} files) to ${values.out}/, history ending ${new Date(now).toISOString()}.`,
  );
}
