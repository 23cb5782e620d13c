/**
 * `npm run build`: checks the content folder and builds the site into dist/ (arguments go on to
 * `astro build`). Invalid content stops it with the list of problems: scripts/lib/run-astro.ts.
 */
import { runAstro } from './lib/run-astro.ts';

process.exitCode = await runAstro('build', process.argv.slice(2));
