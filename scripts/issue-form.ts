/**
 * `npm run issue-form`: writes the GitHub issue form and template chooser from
 * content/heliograph.yaml. Options and exit codes: src/lib/github/issue-form-cli.ts. The logic
 * lives there; this only wires real I/O.
 */
import { issueFormMain } from '../src/lib/github/issue-form-cli.ts';

process.exitCode = issueFormMain(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
