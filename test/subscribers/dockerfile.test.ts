/**
 * The subscription service's Dockerfile, proved without a Docker engine (there is none on the
 * developers' machines nor in CI): it is replayed by test/support/dockerfile/ — every COPY source
 * taken from the repository through .dockerignore, `npm ci` stood in for by the repository's
 * node_modules, the CMD started with the image's ENV, its HEALTHCHECK run as written until it
 * passes, a sign-up posted, the STOPSIGNAL sent — and then what the container wrote is checked
 * against its VOLUME and its USER. The replay refuses any instruction it does not know, so the
 * Dockerfile cannot grow something untested; the second half shows that it catches each kind of
 * mistake. What stays untested without an engine is listed in docs/subscribers.md ("In a container").
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import ignore from '@balena/dockerignore';
import { z } from 'astro/zod';
import semver from 'semver';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../src/lib/config/load.ts';
import { SUBSCRIBER_POLICY } from '../../src/lib/subscribers/policy.ts';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/smtp-recorder.ts';
import { buildImage, hostPath, nodeMajorOf, type Image } from '../support/dockerfile/build.ts';
import { parseDockerfile } from '../support/dockerfile/parse.ts';
import {
  misplacedWrites,
  startContainer,
  type Container,
  type Exit,
} from '../support/dockerfile/run.ts';
import { postForm, SECRETS, SERVICE_BASE, until } from './support.ts';

const REPO = resolve(import.meta.dirname, '../..');
const DOCKERFILE = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const DOCKERIGNORE = readFileSync(join(REPO, '.dockerignore'), 'utf8');

/** `docker stop -t N` as docs/subscribers.md tells operators to run it: the grace the image gets. */
const STOP_GRACE_MS =
  Number(
    /docker stop -t (\d+)/.exec(readFileSync(join(REPO, 'docs/subscribers.md'), 'utf8'))?.[1],
  ) * 1000;

/** Folders whose contents may be lost with the container: nothing of value is written there. */
const DISPOSABLE = { '/tmp': 'temporary files' };

let smtp: SmtpRecorder;
const roots: string[] = [];
const containers: Container[] = [];

beforeAll(async () => {
  smtp = await startSmtpRecorder({ plain: true });
});
afterEach(() => {
  for (const container of containers.splice(0)) container.dispose();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
afterAll(() => smtp.close());

describe('the Dockerfile', () => {
  test('FROM names the Node major that .nvmrc, engines and the node package pin', () => {
    expect(pinnedNodeProblems(DOCKERFILE)).toEqual([]);
  });

  test('CMD runs what `npm run subscribers -- serve` runs, on the Node that npm would use', () => {
    const image = buildImage({ ...buildOptions(DOCKERFILE, DOCKERIGNORE), nodeModules: undefined });
    const script = z
      .object({ scripts: z.object({ subscribers: z.string() }) })
      .parse(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))).scripts.subscribers;
    const [program, ...args] = script.split(' ');
    expect(program).toBe('node');
    expect(image.cmd).toEqual({
      form: 'exec',
      argv: [posix.join(image.workdir, 'node_modules/.bin/node'), ...args, 'serve'],
    });
  });

  test('an env file of secrets beside the checkout never enters the build context', () => {
    const ignored = ignore().add(DOCKERIGNORE.split('\n'));
    for (const file of ['subscribers.env', '.env', 'content/subscribers.env', 'src/.env'])
      expect(ignored.ignores(file), file).toBe(true);
  });

  test('docs/subscribers.md gives docker stop more time than the service takes to stop', () => {
    expect(STOP_GRACE_MS).toBeGreaterThan(SUBSCRIBER_POLICY.shutdownGraceMs);
  });

  test(
    'builds, starts healthy, takes a sign-up, stops cleanly on its STOPSIGNAL, keeps its data in the volume',
    { timeout: 120_000 },
    async () => {
      const { image, container, exit, attempts } = await runImage(DOCKERFILE);
      expect(attempts).toBeGreaterThan(0);
      expect(image.exposed).toContain(Number(image.env['PORT']));
      expect(exit).toEqual({ code: 0, signal: null });
      // It stopped through the service's own shutdown, not by being cut off.
      expect(container.output()).toContain('subscribers: stopped');
      const writes = container.writes();
      expect(misplacedWrites(image, writes, DISPOSABLE)).toEqual([]);
      expect(writes.created).toContain(image.env['SUBSCRIBERS_DB']);
      // The configuration the image was built with is valid as it stands.
      expect(() => loadConfig(hostPath(image, contentFolder(image)))).not.toThrow();
    },
  );
});

describe('reading a Dockerfile', () => {
  test('continuations, comments inside them, and the two forms of a command, as BuildKit reads them', () => {
    const text = [
      'from node:24-bookworm-slim',
      '',
      'RUN mkdir /a \\',
      '  # a comment inside the instruction is dropped',
      '',
      '  && mkdir -p /b   ',
      `CMD ['node', "single quotes make this the shell form"]`,
      'HEALTHCHECK --interval=1m30s --retries=2 \\  ',
      '  CMD ["node", "-e", "  spaces  kept  "]',
      'ENV A=1 B=/data/x',
    ].join('\n');
    const at = (line: number) => ({ line, column: 1 });
    expect(parseDockerfile(text, 'Dockerfile')).toEqual([
      { at: at(1), keyword: 'FROM', image: 'node:24-bookworm-slim' },
      {
        at: at(3),
        keyword: 'RUN',
        commands: [
          ['mkdir', '/a'],
          ['mkdir', '-p', '/b'],
        ],
      },
      {
        at: at(7),
        keyword: 'CMD',
        command: { form: 'shell', text: `['node', "single quotes make this the shell form"]` },
      },
      {
        at: at(8),
        keyword: 'HEALTHCHECK',
        options: { intervalMs: 90_000, timeoutMs: 30_000, startPeriodMs: 0, retries: 2 },
        command: { form: 'exec', argv: ['node', '-e', '  spaces  kept  '] },
      },
      {
        at: at(10),
        keyword: 'ENV',
        pairs: [
          ['A', '1'],
          ['B', '/data/x'],
        ],
      },
    ]);
  });

  test('a refusal names the file, line, column and instruction', () => {
    expect(() => parseDockerfile('FROM node:24\nENV A="quoted"\n', 'Dockerfile')).toThrow(
      'Dockerfile:2:5 ENV: "A="quoted"": quotes, variables and shell syntax are not replayed',
    );
    expect(() =>
      parseDockerfile('# syntax=docker/dockerfile:1\nFROM node:24\n', 'x/Dockerfile'),
    ).toThrow('x/Dockerfile:1:1 syntax: parser directives are not replayed');
  });
});

describe('the replay catches', () => {
  /** A build that will not be started: node_modules is left out, which saves linking it. */
  const build = (dockerfile: string, dockerignore = DOCKERIGNORE): Image =>
    buildImage({ ...buildOptions(dockerfile, dockerignore), nodeModules: undefined });

  test.each([
    {
      mistake: 'an instruction it does not replay',
      dockerfile: edit(DOCKERFILE, 'STOPSIGNAL SIGTERM', 'STOPSIGNAL SIGTERM\nARG VERSION=1'),
      error: /^Dockerfile:\d+:1 ARG: this instruction is not replayed/,
    },
    {
      mistake: 'a COPY source that does not exist',
      dockerfile: edit(DOCKERFILE, 'COPY scripts ./scripts', 'COPY script ./scripts'),
      error: /COPY: script does not exist in the build context/,
    },
    {
      mistake: 'npm ci before package-lock.json is copied',
      dockerfile: edit(
        DOCKERFILE,
        'COPY package.json package-lock.json ./',
        'COPY package.json ./',
      ),
      error: /RUN: npm ci .*: package-lock\.json is not in \/app yet; COPY it before npm ci/,
    },
    {
      mistake: 'a RUN command it does not know',
      dockerfile: edit(DOCKERFILE, 'npm cache clean --force', 'rm -rf /root/.npm'),
      error: /RUN: rm -rf \/root\/\.npm: the replay does not know this command/,
    },
    {
      mistake: 'shell syntax it would not expand',
      dockerfile: edit(DOCKERFILE, 'mkdir /data &&', 'mkdir /data;'),
      error: /RUN: "\/data;": quotes, variables and shell syntax are not replayed/,
    },
    {
      mistake: 'a chown that USER may not run',
      dockerfile: edit(
        edit(DOCKERFILE, 'USER node\n', ''),
        'RUN mkdir /data',
        'USER node\nRUN mkdir /data',
      ),
      error: /RUN: chown node:node \/data: only root may chown, and USER is node/,
    },
  ])('$mistake', ({ dockerfile, error }) => {
    expect(() => build(dockerfile)).toThrow(error);
  });

  test('a COPY source that .dockerignore excludes', () => {
    expect(() => build(DOCKERFILE, `${DOCKERIGNORE}\nscripts\n`)).toThrow(
      /COPY: scripts is excluded by \.dockerignore: the build would not find it/,
    );
  });

  test('a FROM on another Node major than the one pinned', () => {
    const other = edit(DOCKERFILE, 'FROM node:24', 'FROM node:22');
    expect(pinnedNodeProblems(other)).toEqual([
      'FROM node:22-bookworm-slim: .nvmrc pins Node 24',
      'FROM node:22-bookworm-slim: package.json devDependencies.node is Node 24',
    ]);
  });

  test('a CMD that does not start the service', { timeout: 120_000 }, async () => {
    const cmd = edit(DOCKERFILE, '"scripts/subscribers.ts"', '"scripts/subscriber.ts"');
    await expect(runImage(cmd)).rejects.toThrow(/not healthy: the CMD exited \(code 1\)/);
  });

  test('a CMD through npm, which SIGTERM goes past', { timeout: 120_000 }, async () => {
    const npm = edit(
      DOCKERFILE,
      /^CMD .*$/m,
      'CMD ["npm", "run", "--silent", "subscribers", "--", "serve"]',
    );
    await expect(runImage(npm)).rejects.toThrow(
      /the CMD exited \(SIGTERM\)[^]*but port \d+ still answers: a process it started lives on/,
    );
  });

  test('a health check that can never pass', { timeout: 120_000 }, async () => {
    const check = edit(DOCKERFILE, "'/health'", "'/healthz'");
    await expect(runImage(check)).rejects.toThrow(
      /unhealthy: port \d+ answers, but the health check failed 3 times in a row/,
    );
  });

  test('a database written outside the volume', { timeout: 120_000 }, async () => {
    const db = edit(DOCKERFILE, 'SUBSCRIBERS_DB=/data/', 'SUBSCRIBERS_DB=/app/');
    const { image, container } = await runImage(db);
    expect(misplacedWrites(image, container.writes(), DISPOSABLE)).toEqual([
      '/app/subscribers.sqlite: USER node cannot create it, /app is not theirs',
      '/app/subscribers.sqlite: outside every VOLUME, so lost when the container is replaced',
    ]);
  });
});

/**
 * Builds the image, mounts a configuration, starts the container and waits until healthy, signs
 * up through the form, and sends the STOPSIGNAL.
 */
async function runImage(dockerfile: string): Promise<{
  image: Image;
  container: Container;
  exit: Exit;
  attempts: number;
}> {
  const image = buildImage(buildOptions(dockerfile, DOCKERIGNORE));
  const port = await freePort();
  const container = startContainer(image, {
    env: {
      ...SECRETS,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}?local_relay_without_tls=true`,
      SUBSCRIBERS_FROM: 'Forno status <status@forno.example>',
      PORT: String(port),
      // The image listens on every interface; the tests listen on the loopback only.
      HOST: '127.0.0.1',
    },
    mounts: { [contentFolder(image)]: mountedContent(image) },
    port,
  });
  containers.push(container);
  const attempts = await container.healthy();

  const address = `docker-${port}@example.com`;
  const res = await postForm(
    { url: `http://127.0.0.1:${port}/` },
    { email: address, component: [], website: '' },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  await until(
    () => smtp.mails.some((m) => m.to.includes(address)),
    `the confirmation e-mail to ${address}`,
  );
  const exit = await container.stop(STOP_GRACE_MS);
  return { image, container, exit, attempts };
}

function buildOptions(dockerfile: string, dockerignore: string): Parameters<typeof buildImage>[0] {
  const root = mkdtempSync(join(tmpdir(), 'heliograph-image-'));
  roots.push(root);
  return {
    context: REPO,
    dockerfile: { file: 'Dockerfile', text: dockerfile },
    dockerignore,
    root,
    nodeModules: join(REPO, 'node_modules'),
    node: { path: process.execPath, major: Number(process.versions.node.split('.')[0]) },
    npm: npmCli(),
  };
}

/** The content folder `serve` reads by default: `content` in the WORKDIR. */
function contentFolder(image: Image): string {
  return posix.join(image.workdir, 'content');
}

/**
 * What an operator mounts over the content folder (docs/subscribers.md): the image's own
 * heliograph.yaml with subscriptions.url set — which the service needs and the repository's
 * example does not set.
 */
function mountedContent(image: Image): string {
  const folder = mkdtempSync(join(tmpdir(), 'heliograph-image-content-'));
  roots.push(folder);
  const doc = parseDocument(
    readFileSync(hostPath(image, posix.join(contentFolder(image), 'heliograph.yaml')), 'utf8'),
  );
  if (!doc.hasIn(['subscriptions', 'url'])) doc.setIn(['subscriptions', 'url'], SERVICE_BASE);
  writeFileSync(join(folder, 'heliograph.yaml'), doc.toString());
  return folder;
}

/** Where FROM's Node major differs from what the repository pins. */
function pinnedNodeProblems(dockerfile: string): string[] {
  const from = parseDockerfile(dockerfile, 'Dockerfile').find((i) => i.keyword === 'FROM');
  if (from?.keyword !== 'FROM') return ['no FROM'];
  const major = nodeMajorOf(from.image);
  if (major === undefined) return [`FROM ${from.image}: not an official node image`];
  const nvmrc = readFileSync(join(REPO, '.nvmrc'), 'utf8').trim();
  const pkg = z
    .object({
      engines: z.object({ node: z.string() }),
      devDependencies: z.object({ node: z.string() }),
    })
    .parse(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')));
  const problems: string[] = [];
  if (semver.coerce(nvmrc)?.major !== major)
    problems.push(`FROM ${from.image}: .nvmrc pins Node ${nvmrc}`);
  if (!semver.intersects(pkg.engines.node, `${major}.x`))
    problems.push(`FROM ${from.image}: package.json engines.node is ${pkg.engines.node}`);
  const pinned = semver.minVersion(pkg.devDependencies.node)?.major;
  if (pinned !== major)
    problems.push(`FROM ${from.image}: package.json devDependencies.node is Node ${pinned ?? '?'}`);
  return problems;
}

/** `text` with `from` replaced by `to`; a mistake that no longer applies fails loudly. */
function edit(text: string, from: string | RegExp, to: string): string {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`the Dockerfile no longer contains ${String(from)}`);
  return edited;
}

/** The npm on PATH (the host's), standing in for the base image's. */
function npmCli(): string {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    const npm = join(dir, 'npm');
    if (dir && existsSync(npm)) return realpathSync(npm);
  }
  throw new Error('no npm on PATH: the replay needs one to stand in for the image’s');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
