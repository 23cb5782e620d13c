/**
 * `npm run incident`: posts incidents and maintenance from the command line (docs/posting.md,
 * "From the command line"). The logic lives in src/lib/editor/cli.ts; this
 * only wires real input and output.
 */
import { incidentMain } from '../src/lib/editor/cli.ts';
import { createLinePrompt } from '../src/lib/editor/line-prompt.ts';

// `npm run incident -- list | head` closes the pipe early: stop quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const terminal = Boolean(process.stdin.isTTY);
const lines = createLinePrompt({ input: process.stdin, output: process.stdout, terminal });
try {
  process.exitCode = await incidentMain(process.argv.slice(2), {
    contentDir: 'content',
    now: () => Date.now(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: terminal,
    prompt: lines.prompt,
  });
} finally {
  lines.close();
}
