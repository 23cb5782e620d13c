/**
 * `npm run push -- [--remote origin] [--branch main] [--attempts 5]`: pushes the probe run's
 * commit, rebasing on what others pushed first (src/lib/git/push.ts). Used by the workflows.
 */
import { parseArgs } from 'node:util';
import { gitIn, pushWithRetry } from '../src/lib/git/push.ts';

const { values } = parseArgs({
  options: {
    remote: { type: 'string', default: 'origin' },
    branch: { type: 'string', default: 'main' },
    attempts: { type: 'string', default: '5' },
  },
});

try {
  const result = await pushWithRetry({
    git: gitIn(process.cwd()),
    remote: values.remote,
    branch: values.branch,
    attempts: Number(values.attempts),
    log: (line) => console.log(line),
  });
  console.log(
    `pushed after ${result.attempts} attempt(s)${result.resolved.length ? `; resolved ${result.resolved.join(', ')}` : ''}`,
  );
} catch (error) {
  console.error(
    `${(error as Error).message}: ${((error as Error).cause as Error | undefined)?.message ?? ''}`,
  );
  process.exitCode = 1;
}
