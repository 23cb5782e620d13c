/**
 * The production cycle, measured (`npm run bench -- --only cycle`): the Probe workflow's steady
 * cycle and the Deploy workflow's publishing, replayed step by step from their files
 * (scripts/lib/workflow-replay.ts) in fresh clones of a local bare repository holding this
 * working tree, with node_modules restored from a warm cache. The example's hosts are not
 * reachable, so the repository's configuration points its checks at a local server, and its
 * site.url is moved off the example's (which would stop the prober: template-guard.ts).
 *
 * Cycles run until one confirms no change (the example's history ends days ago, so the first
 * ones confirm recoveries and draw share images): that one is the steady cycle. Then an editor
 * pushes an incident, and Deploy is replayed up to the uploaded site. What only GitHub's runners
 * do (downloading the cache, deploying to Pages) is added from ON_GITHUB_MS, stated as
 * assumptions, to estimate billed minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { renderIncident } from '../../src/lib/content/incident-document.ts';
import { actionName, readWorkflow, type Workflow } from './workflow-file.ts';
import {
  bareRepositoryOf,
  jobWouldRun,
  ReplayCache,
  replayJob,
  runnerEnv,
  warmKey,
  type GithubContext,
  type JobRecord,
} from './workflow-replay.ts';

/** What the cycle is held to, and why. */
export const CYCLE_TARGETS = {
  /** A steady cycle of the example replays in 30 s here, so it stays well inside GitHub's billed minute. */
  steadyCycleMs: 30_000,
  /** An editor's words reach the uploaded site within 90 s of workflow time (estimated on GitHub). */
  editorToArtifactMs: 90_000,
};

/**
 * What a replay cannot measure, as it runs on GitHub's hosted runners: assumptions, each with its
 * reason, added to the measured steps to estimate a job's billed time. Change them when GitHub's
 * run logs say otherwise.
 */
export const ON_GITHUB_MS: { job: number; pickup: number; actions: Record<string, number> } = {
  /** "Set up job" (downloading the pinned actions) and "Complete job" (post steps, clean-up). */
  job: 6_000,
  /** A queued job waiting for a runner: not billed, but an editor waits for it. */
  pickup: 5_000,
  /** Each action on a hosted runner, where the replay's stand-ins only copy local files. */
  actions: {
    /** Fetching the last 50 commits of a repository of a few MB. */
    'actions/checkout': 3_000,
    /** Node from the runner's tool cache. */
    'actions/setup-node': 2_000,
    /** node_modules: about 130 MB of zstd archive downloaded and unpacked. */
    'actions/cache': 8_000,
    /** The share images: a few MB. */
    'actions/cache/restore': 1_500,
    'actions/cache/save': 2_000,
    /** The site's tar file, a few MB, uploaded as the Pages artifact. */
    'actions/upload-pages-artifact': 3_000,
    /** Creating the Pages deployment, then polling it every 5 s until it is live. */
    'actions/deploy-pages': 15_000,
  },
};

/** How GitHub bills Actions minutes (standard Linux runners), and the month counted. */
export const BILLING = {
  /** Each job is rounded up to the whole minute. */
  roundUpToMs: 60_000,
  /** Public repositories on standard runners pay nothing. */
  publicUsdPerMinute: 0,
  /** Minutes a private repository's owner gets each month on GitHub Free. */
  privateFreeMinutes: 2_000,
  /** Linux 2-core list price per minute beyond them (USD), from 1 January 2026. */
  usdPerMinute: 0.006,
  /** A month of 30 days. */
  days: 30,
};

/** The cadences compared, in minutes between runs. */
const CADENCES = [5, 10];
/** Intervals of the loop mode (`npm run probe -- --every N`), in seconds. */
const LOOP_EVERY_S = [60, 300];
/** At most this many cycles to reach a steady one. */
const MAX_CYCLES = 6;

/** One replayed job with its estimate on GitHub. */
export interface ReplayedJob {
  record: JobRecord;
  /** Measured run: steps plus the assumed time of its actions and the job's set-up on GitHub. */
  githubMs: number;
}

/** What the cycle benchmark measured. */
export interface CycleResult {
  warmUp: ReplayedJob[];
  steady: ReplayedJob;
  /** Jobs of the Probe workflow that run in a steady cycle. */
  jobsPerCycle: string[];
  /** Deploy after an editor's push. */
  editor: ReplayedJob;
  /** From the push to the end of the artifact upload, replayed. */
  editorToArtifactMs: number;
  /** The same on GitHub: pickup + estimated job time until the upload. */
  editorToArtifactGithubMs: number;
}

/** Replays the cycles and the editor's path in `dir` (removed first). */
export async function cycleBench(options: {
  root: string;
  dir: string;
  log: (line: string) => void;
}): Promise<CycleResult> {
  const { root, dir, log } = options;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const services = await startServices();
  try {
    const origin = bareRepositoryOf({
      root,
      dir: join(dir, 'origin'),
      edit: (tree) =>
        pointAtLocalServices(join(tree, 'content', 'heliograph.yaml'), services.origin),
    });
    const cache = new ReplayCache(join(dir, 'cache'));
    const probe = readWorkflow(join(root, '.github/workflows/probe.yml'));
    const deploy = readWorkflow(join(root, '.github/workflows/deploy.yml'));
    const github = (run: number, event_name: string): GithubContext => ({
      event_name,
      run_id: String(run),
      run_attempt: '1',
      token: 'bench-token',
      server_url: 'https://github.invalid',
      repository: 'owner/status',
      event: {},
    });
    for (const [w, job] of [
      [probe, 'cycle'],
      [deploy, 'publish'],
    ] as const) {
      const key = warmKey({
        workflow: w,
        job,
        path: 'node_modules',
        workspace: root,
        github: github(0, 'schedule'),
      });
      cache.put(key, join(root, 'node_modules'));
    }
    const replay = async (w: Workflow, job: string, run: number, event: string) => {
      const record = await replayJob({
        workflow: w,
        job,
        origin,
        workspace: join(dir, `run-${run}`),
        github: github(run, event),
        cache,
        env: runnerEnv(process.env),
      });
      if (record.conclusion !== 'success')
        throw new Error(`${w.name} ${job} failed:\n${failures(record)}`);
      return { record, githubMs: onGithubMs(record) };
    };

    const warmUp: ReplayedJob[] = [];
    let steady: ReplayedJob | undefined;
    for (let run = 1; run <= MAX_CYCLES && !steady; run++) {
      const cycle = await replay(probe, 'cycle', run, 'schedule');
      const changes = confirmedChanges(cycle.record);
      log(
        `   cycle ${run}     ${seconds(cycle.record.ms)}${changes ? `, ${changes} change(s) confirmed` : ', no change: steady'}`,
      );
      if (changes === 0 && run > 1) steady = cycle;
      else warmUp.push(cycle);
    }
    if (!steady) throw new Error(`no steady cycle after ${MAX_CYCLES} cycles`);

    // The editor's commit: from its push to the site uploaded by the Deploy job it starts.
    const pushed = editorPush(origin, join(dir, 'editor'));
    const started = performance.now();
    const editor = await replay(deploy, 'publish', MAX_CYCLES + 1, 'push');
    const upload = editor.record.steps.find((s) => s.name === 'Upload the site');
    if (!upload || upload.outcome !== 'success') throw new Error('Deploy uploaded no site');
    const page = join(
      dir,
      `run-${MAX_CYCLES + 1}`,
      'dist',
      'incidents',
      'bench-editor-note',
      'index.html',
    );
    if (!existsSync(page))
      throw new Error(`the editor's incident is not in the built site (${page})`);
    const untilUpload = upload.startMs + upload.ms;
    return {
      warmUp,
      steady,
      jobsPerCycle: jobsRunning(probe, 'cycle', steady.record),
      editor,
      editorToArtifactMs: started - pushed + untilUpload,
      editorToArtifactGithubMs: ON_GITHUB_MS.pickup + onGithubMs(editor.record, untilUpload),
    };
  } finally {
    await services.close();
  }
}

/** Prints the cycle section of the benchmark; pushes missed targets. */
export async function cycleSection(
  options: { root: string; dir: string },
  missed: string[],
): Promise<void> {
  console.log(
    '\n5. The production cycle: the Probe and Deploy workflows replayed from their files',
  );
  console.log(
    '   a fresh clone per job of a local bare repository, node_modules from a warm cache (hard links),',
  );
  console.log(
    "   the example's checks pointed at a local server; stand-ins for checkout, cache and Pages actions",
  );
  const r = await cycleBench({ ...options, log: (line) => console.log(line) });
  const s = r.steady.record;
  console.log(
    `   steady      wall ${seconds(s.ms)} for ${r.jobsPerCycle.length} job(s) per cycle (${r.jobsPerCycle.join(', ')})`,
  );
  console.log(`               ${stepLine(s)}`);
  console.log(
    `   editor      push → site uploaded ${seconds(r.editorToArtifactMs)} (Deploy replayed; whole job ${seconds(r.editor.record.ms)})`,
  );
  console.log(`               ${stepLine(r.editor.record)}`);
  const billed = billedMinutes(r.steady.githubMs);
  console.log(
    `   on GitHub   a steady cycle ≈ ${seconds(r.steady.githubMs)} (measured steps + ${seconds(r.steady.githubMs - runMs(s))} assumed for actions and set-up) → ${billed} billed minute(s);`,
  );
  console.log(
    `               editor → site uploaded ≈ ${seconds(r.editorToArtifactGithubMs)} (runner pickup included)`,
  );
  console.log(
    '   minutes a month (30 days; each job rounded up to the minute; public repositories pay nothing)',
  );
  const table = minutesTable({
    cycleMs: r.steady.githubMs,
    jobsPerCycle: r.jobsPerCycle.length,
    deployMs: r.editor.githubMs,
  });
  for (const row of table) console.log(`     ${row}`);
  const steadyOk = s.ms <= CYCLE_TARGETS.steadyCycleMs;
  const editorOk = r.editorToArtifactGithubMs <= CYCLE_TARGETS.editorToArtifactMs;
  console.log(
    `   target      steady cycle ≤ ${seconds(CYCLE_TARGETS.steadyCycleMs)} here: ${seconds(s.ms)} ${steadyOk ? '✓' : '✗'}`,
  );
  console.log(
    `   target      one job per steady cycle: ${r.jobsPerCycle.length} ${r.jobsPerCycle.length === 1 ? '✓' : '✗'}`,
  );
  console.log(
    `   target      editor → site uploaded ≤ ${seconds(CYCLE_TARGETS.editorToArtifactMs)} on GitHub (estimated): ${seconds(r.editorToArtifactGithubMs)} ${editorOk ? '✓' : '✗'}`,
  );
  if (!steadyOk) missed.push('a steady cycle took longer than 30 s');
  if (r.jobsPerCycle.length !== 1) missed.push('a steady cycle runs more than one job');
  if (!editorOk) missed.push("an editor's push takes longer than 90 s to reach the uploaded site");
}

/** The rows of the minutes table: each way of running, public and private. */
export function minutesTable(r: {
  cycleMs: number;
  jobsPerCycle: number;
  deployMs: number;
}): string[] {
  const month = BILLING.days * 24 * 60;
  const cycle = billedMinutes(r.cycleMs) * r.jobsPerCycle;
  const deploy = billedMinutes(r.deployMs);
  const rows: [string, number][] = [
    ...CADENCES.map((m): [string, number] => [
      `Probe on GitHub's cron, every ${m} min`,
      (month / m) * cycle,
    ]),
    ...LOOP_EVERY_S.map((s): [string, number] => [
      `loop (--every ${s}), each run published by Deploy`,
      ((month * 60) / s) * deploy,
    ]),
    ['loop, Deploy on the same self-hosted runner', 0],
  ];
  const head = `${'way'.padEnd(48)}${'minutes'.padStart(9)}  private on Free (${BILLING.privateFreeMinutes.toLocaleString('en')} included)`;
  return [
    head,
    ...rows.map(([way, minutes]) => {
      const over = Math.max(0, minutes - BILLING.privateFreeMinutes);
      const cost = over
        ? `${over.toLocaleString('en')} over, $${(over * BILLING.usdPerMinute).toFixed(2)}`
        : 'within';
      return `${way.padEnd(48)}${minutes.toLocaleString('en').padStart(9)}  ${cost}`;
    }),
  ];
}

/** Minutes GitHub bills for a job of this duration. */
export function billedMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / BILLING.roundUpToMs));
}

/**
 * A job's estimated time on GitHub: its run steps as measured, its actions as ON_GITHUB_MS says,
 * and the job's set-up; up to `untilMs` into the replay when given.
 */
function onGithubMs(record: JobRecord, untilMs = Infinity): number {
  let ms = ON_GITHUB_MS.job;
  for (const s of record.steps) {
    if (s.outcome === 'skipped' || s.startMs >= untilMs) continue;
    ms += s.step.uses ? (ON_GITHUB_MS.actions[actionName(s.step.uses)] ?? s.ms) : s.ms;
  }
  return ms;
}

/** The jobs of the workflow that run in a cycle like this one. */
function jobsRunning(w: Workflow, replayed: string, record: JobRecord): string[] {
  const results: Record<string, { outputs: Record<string, string>; result: string }> = {
    [replayed]: { outputs: record.outputs, result: record.conclusion },
  };
  const running = [replayed];
  for (const [name, job] of Object.entries(w.jobs)) {
    if (name === replayed) continue;
    const needs = [job.needs ?? []].flat();
    const runs = jobWouldRun(
      job,
      Object.fromEntries(needs.map((n) => [n, results[n] ?? { outputs: {}, result: 'skipped' }])),
    );
    results[name] = { outputs: {}, result: runs ? 'success' : 'skipped' };
    if (runs) running.push(name);
  }
  return running;
}

/** How many confirmed changes and automatic incidents the cycle's probe step reported. */
function confirmedChanges(record: JobRecord): number {
  const probe = record.steps.find((s) => s.name === 'Check every component and record the run');
  return (probe?.output.match(/^(confirmed: |incident )/gm) ?? []).length;
}

/** An editor adds an incident and pushes it; returns when the push ended. */
function editorPush(origin: string, dir: string): number {
  const git = (args: string[], cwd = dir): void => {
    const r = spawnSyncText(
      'git',
      ['-c', 'user.name=editor', '-c', 'user.email=editor@localhost', ...args],
      cwd,
    );
    if (r) throw new Error(r);
  };
  git(['clone', '--quiet', origin, dir], join(dir, '..'));
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(
    join(dir, 'content', 'incidents', 'bench-editor-note.md'),
    renderIncident({
      title: 'Card payments slow to confirm',
      impact: 'minor',
      components: { payments: 'degraded_performance' },
      started_at: now,
      updates: [
        {
          at: now,
          status: 'investigating',
          text: 'Payments take a minute to confirm. Please do not pay twice.',
        },
      ],
    }),
  );
  git(['add', 'content']);
  git(['commit', '--quiet', '-m', 'incident: card payments slow']);
  git(['push', '--quiet', 'origin', 'HEAD:main']);
  return performance.now();
}

/** A local server for every check: pages with the shop's name and `{"status":"ok"}`, a Statuspage summary. */
async function startServices(): Promise<{
  origin: string;
  port: number;
  close: () => Promise<void>;
}> {
  const server: Server = createServer((req, res) => {
    // A little latency, as from a real service nearby.
    setTimeout(() => {
      if (req.url?.endsWith('/api/v2/summary.json')) {
        res.setHeader('content-type', 'application/json');
        return void res.end(
          JSON.stringify({
            components: [{ id: 'cards', name: 'Card payments', status: 'operational' }],
          }),
        );
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', shop: 'Forno Aurora' }));
    }, 30);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Points every check of a configuration at the local server and moves site.url off the
 * example's: http and statuspage checks keep their options, a TLS check becomes a TCP connect to
 * the same server (it has no certificate to judge).
 */
function pointAtLocalServices(file: string, origin: string): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['site', 'url'], 'https://status.bench.test');
  const port = Number(new URL(origin).port);
  const components = doc.get('components', true);
  for (const component of isSeq(components) ? components.items : []) {
    const checks = isMap(component) ? component.get('checks', true) : undefined;
    if (!isSeq(checks)) continue;
    checks.items.forEach((check, i) => {
      if (!isMap(check)) return;
      const type = String(check.get('type'));
      if (type === 'http')
        check.set('url', `${origin}/${String(isMap(component) ? component.get('id') : i)}`);
      else if (type === 'statuspage') check.set('url', origin);
      else if (type === 'tls' || type === 'tcp')
        checks.set(i, doc.createNode({ type: 'tcp', host: '127.0.0.1', port }));
      else throw new Error(`the cycle benchmark has no local service for a ${type} check`);
    });
  }
  writeFileSync(file, doc.toString());
}

/** The failed steps of a job and what they printed. */
function failures(record: JobRecord): string {
  return record.steps
    .filter((s) => s.outcome === 'failure')
    .map((s) => `${s.name}:\n${s.output}`)
    .join('\n');
}

/** The steps that ran, with their times: `checkout 0.3 s · cache 1.1 s · probe 0.9 s …`. */
function stepLine(record: JobRecord): string {
  const label = ({ step }: JobRecord['steps'][number]): string =>
    step.uses
      ? actionName(step.uses).replace(/^actions\//, '')
      : (/npm (?:run (?:--silent )?)?([\w:-]+)/.exec(step.run ?? '')?.[1] ?? step.id ?? 'script');
  return record.steps
    .filter((s) => s.outcome !== 'skipped')
    .map((s) => `${label(s)} ${seconds(s.ms)}`)
    .join(' · ');
}

/** The time of a job's run: steps. */
function runMs(record: JobRecord): number {
  return record.steps.filter((s) => s.kind === 'run').reduce((n, s) => n + s.ms, 0);
}

/** Runs git quickly; returns its error text, or '' when it succeeded. */
function spawnSyncText(command: string, args: readonly string[], cwd: string): string {
  const { status, stderr } = spawnSync(command, [...args], { cwd, encoding: 'utf8' });
  return status === 0 ? '' : `${command} ${args.join(' ')}: ${stderr.trim()}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
