// Preloaded into a build by scripts/lib/build-site.ts: writes the process's peak memory (KiB) and
// its CPU time (user + system, microseconds, every thread) at exit, as "<maxRssKb> <cpuUs>".
import { writeFileSync } from 'node:fs';

const target = process.env.HELIOGRAPH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(target, `${process.resourceUsage().maxRSS} ${user + system}`);
  });
}
