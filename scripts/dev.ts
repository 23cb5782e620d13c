/**
 * `npm run dev`: checks the content folder and serves the site with `astro dev`, which follows
 * edits of the content (arguments go on to it). Invalid content at the start stops it with the
 * list of problems: scripts/lib/run-astro.ts.
 */
import { runAstro } from './lib/run-astro.ts';

process.exitCode = await runAstro('dev', process.argv.slice(2));
