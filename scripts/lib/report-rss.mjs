// Preloaded into a build by scripts/lib/build-site.ts: writes the process's peak memory at exit.
import { writeFileSync } from 'node:fs';

const target = process.env.HELIOGRAPH_RSS_FILE;
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
