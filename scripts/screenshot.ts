/**
 * `npm run screenshot`: the picture of the home page in the README (docs/images/home.png). It
 * generates the bundled example at a pinned moment (an incident under way, a channel down),
 * builds it, and photographs the first screen in Debian's Chromium. No server and no network:
 * the browser's requests are answered from the built folder. Options and help: SCREENSHOT_COMMAND.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { readCommandLine, usageError, type CommandSpec } from '../src/lib/cli/command-line.ts';
import { processIo } from './lib/process-io.ts';
import { writeExample } from '../src/lib/example/write.ts';
import { buildSite } from './lib/build-site.ts';
import { launchChromium } from './lib/chromium.ts';

/** The command line of `npm run screenshot`. */
const SCREENSHOT_COMMAND = {
  usage: ['npm run screenshot -- [options]'],
  summary: [
    "Builds the example site at a pinned moment and saves a PNG of its home page's first screen,",
    "as the README shows it. Needs Debian's Chromium (apt-get install chromium).",
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      default: 'docs/images/home.png',
      value: 'FILE',
      help: 'where to save it (default: docs/images/home.png)',
    },
    now: {
      type: 'string',
      default: '2026-11-21T09:00:00Z',
      value: 'ISO',
      help: 'the moment the example shows (default: 2026-11-21T09:00:00Z)',
    },
    scheme: {
      type: 'string',
      default: 'light',
      value: 'SCHEME',
      help: 'the colour scheme: light or dark (default: light)',
    },
  },
  examples: ['npm run screenshot', 'npm run screenshot -- --scheme dark --out /tmp/home-dark.png'],
  notes: ['Exit codes: 0 saved; 1 the build or the browser failed; 2 bad usage.'],
} as const satisfies CommandSpec;

/** The picture's size: the first screen of a laptop, small enough for a README. */
const VIEWPORT = { width: 1000, height: 1100 };
/** Any origin will do: every request to it is answered from the built folder. */
const ORIGIN = 'http://heliograph.screenshot';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.js': 'text/javascript',
};

const io = processIo('screenshot');
const line = readCommandLine(process.argv.slice(2), SCREENSHOT_COMMAND, io);
if (!line.ok) process.exit(line.code);
const { values } = line;
if (Number.isNaN(Date.parse(values.now))) {
  process.exit(usageError(io, SCREENSHOT_COMMAND, `--now "${values.now}" is not an ISO 8601 time`));
}
if (values.scheme !== 'light' && values.scheme !== 'dark') {
  process.exit(
    usageError(io, SCREENSHOT_COMMAND, `--scheme "${values.scheme}": use light or dark`),
  );
}

const root = mkdtempSync(join(tmpdir(), 'heliograph-screenshot-'));
try {
  const content = join(root, 'content');
  const dist = resolve(root, 'dist');
  writeExample({ out: content, now: Date.parse(values.now) });
  await buildSite({ content, out: dist, now: values.now });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      colorScheme: values.scheme,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? fileFor(dist, url.pathname) : undefined;
      if (!file) return route.abort();
      return route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    });
    await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
    await page.screenshot({ path: values.out });
  } finally {
    await browser.close();
  }
  console.log(`saved ${values.out} (${Math.round(statSync(values.out).size / 1024)} KB)`);
} catch (error) {
  console.error(`screenshot: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}

/** The built file a path names (a folder's index.html), never one outside the folder. */
function fileFor(dist: string, pathname: string): string | undefined {
  const target = resolve(dist, `.${decodeURIComponent(pathname)}`);
  if (target !== dist && !target.startsWith(dist + sep)) return undefined;
  for (const candidate of [target, join(target, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not there: try the next form, then give up.
    }
  }
  return undefined;
}
