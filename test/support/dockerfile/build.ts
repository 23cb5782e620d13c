/**
 * The image a Dockerfile builds, replayed without a Docker engine in a folder that stands for the
 * image's root file system: COPY takes its sources from the build context through .dockerignore
 * (@balena/dockerignore, Docker's own matching rules), WORKDIR, mkdir and VOLUME create folders,
 * and who owns each folder is kept in a table (the replay runs as whoever runs the tests, so real
 * ownership cannot be had). `npm ci` is not run — too slow for every test run — but replayed by
 * hard-linking the repository's node_modules, which the same `npm ci` installed from the same lock,
 * after checking that package.json and package-lock.json were copied first, as `npm ci` needs.
 *
 * The base image is a model, NODE_IMAGE: its users, the folders they may write to, and its PATH,
 * where a Node binary of the FROM major and the host's npm stand in for /usr/local/bin.
 */
import ignore from '@balena/dockerignore';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { join, posix } from 'node:path';
import {
  DockerfileError,
  parseDockerfile,
  type Command,
  type HealthcheckOptions,
  type Instruction,
} from './parse.ts';

/** What the replay assumes of the official `node` images (github.com/nodejs/docker-node). */
export const NODE_IMAGE = {
  /** The users that exist: root, and `node` (uid 1000), which the images add for running apps. */
  homes: { root: '/root', node: '/home/node' } as Record<string, string>,
  /** Folders that a container's USER may write to without a chown: `*` is everybody. */
  owners: { '/tmp': '*', '/home/node': 'node', '/root': 'root' } as Record<string, string>,
  /** The images' PATH; node and npm live in /usr/local/bin. */
  path: ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
  /** Where node and npm are, stood in for by the replay's own. */
  bin: '/usr/local/bin',
} as const;

/** The image, as its configuration says and its root folder holds. */
export interface Image {
  /** The host folder that stands for `/`. */
  root: string;
  /** FROM's image reference, and the Node major its tag names. */
  from: string;
  nodeMajor: number;
  workdir: string;
  env: Record<string, string>;
  user: string;
  volumes: string[];
  exposed: number[];
  healthcheck: { options: HealthcheckOptions; command: Command } | undefined;
  stopSignal: NodeJS.Signals;
  cmd: Command;
  /** Owner of each folder or file the build made (image paths); anything else belongs to root. */
  owners: Map<string, string>;
  /** PATH inside the replayed container (host folders). */
  path: string;
}

export interface BuildOptions {
  /** The build context: the repository. */
  context: string;
  dockerfile: { file: string; text: string };
  /** The text of .dockerignore ('' when there is none). */
  dockerignore: string;
  /** An empty folder that becomes the image's root. */
  root: string;
  /**
   * The node_modules that `npm ci` would install (the repository's own); undefined for an image
   * that will not be started, where `npm ci` is checked but installs nothing.
   */
  nodeModules: string | undefined;
  /** A Node binary of the FROM major and the npm CLI, standing in for the base image's. */
  node: { path: string; major: number };
  npm: string;
}

/** The host path of an image path. */
export function hostPath(image: Pick<Image, 'root'>, path: string): string {
  return join(image.root, path);
}

/** The Node major an official node image's tag names (`node:24-bookworm-slim` → 24). */
export function nodeMajorOf(image: string): number | undefined {
  const tag = /^node:(\d+)(?:[.-][\w.-]*)?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  return tag ? Number(tag[1]) : undefined;
}

/** The owner of an image path in a table of owners: anything not in it is root's, as in the base image. */
export function ownerOf(owners: ReadonlyMap<string, string>, path: string): string {
  return owners.get(path) ?? 'root';
}

/**
 * Replays the Dockerfile into `options.root`; throws a DockerfileError at the first instruction
 * that the build would fail on or the replay cannot follow. Longer than 80 lines: one case per
 * instruction, in the order a reader of the Dockerfile meets them.
 */
export function buildImage(options: BuildOptions): Image {
  const { file, text } = options.dockerfile;
  const ignored = ignore().add(options.dockerignore.split(/\r?\n/));
  const owners = new Map<string, string>(Object.entries(NODE_IMAGE.owners));
  const host = (path: string): string => join(options.root, path);
  let workdir = '/';
  let user = 'root';
  let from: { image: string; major: number } | undefined;
  let cmd: Command | undefined;
  const image: Omit<Image, 'from' | 'nodeMajor' | 'cmd' | 'workdir' | 'user'> = {
    root: options.root,
    env: {},
    volumes: [],
    exposed: [],
    healthcheck: undefined,
    stopSignal: 'SIGTERM',
    owners,
    path: NODE_IMAGE.path.map((p) => (p === NODE_IMAGE.bin ? host(p) : p)).join(':'),
  };
  /** Creates `path` and its missing parents, owned by `owner`. */
  const makeDir = (path: string, owner: string): void => {
    for (let p = path; p !== '/' && !existsSync(host(p)); p = posix.dirname(p))
      owners.set(p, owner);
    mkdirSync(host(path), { recursive: true });
  };
  standInBase(options, host, makeDir);

  for (const i of parseDockerfile(text, file)) {
    const fail = (message: string): never => {
      throw new DockerfileError(`${file}:${i.at.line}:${i.at.column} ${i.keyword}: ${message}`);
    };
    if (!from && i.keyword !== 'FROM') fail('the Dockerfile must begin with FROM');
    switch (i.keyword) {
      case 'FROM': {
        if (from) fail('a second FROM: multi-stage builds are not replayed');
        const major = nodeMajorOf(i.image);
        if (major === undefined)
          return fail(`${i.image}: the replay models the official node images (node:<major>…)`);
        from = { image: i.image, major };
        if (options.node.major !== from.major)
          fail(`${i.image}: run the tests on Node ${from.major}, which stands in for the image's`);
        break;
      }
      case 'WORKDIR':
        workdir = posix.resolve(workdir, i.path);
        makeDir(workdir, user);
        break;
      case 'ENV':
        for (const [name, value] of i.pairs) image.env[name] = value;
        break;
      case 'COPY':
        copy(i, { ...options, ignored, workdir, host, makeDir, owners, fail });
        break;
      case 'RUN':
        for (const argv of i.commands)
          run(argv, { ...options, workdir, user, host, makeDir, owners, fail });
        break;
      case 'VOLUME':
        for (const path of i.paths) {
          // Docker creates a missing mount point itself, owned by root.
          if (!existsSync(host(path))) makeDir(path, 'root');
          image.volumes.push(posix.normalize(path));
        }
        break;
      case 'EXPOSE':
        image.exposed.push(...i.ports);
        break;
      case 'USER':
        for (const name of [i.user, i.group ?? i.user])
          if (!Object.hasOwn(NODE_IMAGE.homes, name)) fail(`${name}: no such user in the image`);
        user = i.user;
        break;
      case 'HEALTHCHECK':
        image.healthcheck = { options: i.options, command: i.command };
        break;
      case 'STOPSIGNAL':
        image.stopSignal = i.signal;
        break;
      case 'CMD':
        cmd = i.command;
        break;
    }
  }
  if (!from || !cmd) throw new DockerfileError(`${file}: the image needs a FROM and a CMD`);
  return { ...image, from: from.image, nodeMajor: from.major, cmd, workdir, user };
}

/** The base image's part that the replay needs: its folders, and node and npm on its PATH. */
function standInBase(
  options: BuildOptions,
  host: (path: string) => string,
  makeDir: (path: string, owner: string) => void,
): void {
  for (const [path, owner] of Object.entries(NODE_IMAGE.owners)) makeDir(path, owner);
  makeDir(NODE_IMAGE.bin, 'root');
  symlinkSync(options.node.path, host(posix.join(NODE_IMAGE.bin, 'node')));
  symlinkSync(options.npm, host(posix.join(NODE_IMAGE.bin, 'npm')));
}

interface Step {
  context: string;
  nodeModules: string | undefined;
  workdir: string;
  host: (path: string) => string;
  makeDir: (path: string, owner: string) => void;
  /** The image's table of owners. */
  owners: Map<string, string>;
  fail: (message: string) => never;
}

/** COPY: every source must be in the context and not excluded; a folder copies its contents. */
function copy(
  i: Extract<Instruction, { keyword: 'COPY' }>,
  step: Step & { ignored: ReturnType<typeof ignore> },
): void {
  const dest = posix.resolve(step.workdir, i.dest);
  const intoFolder = i.dest.endsWith('/') || i.sources.length > 1;
  for (const source of i.sources) {
    const rel = posix.normalize(source).replace(/\/$/, '');
    if (posix.isAbsolute(rel) || rel === '..' || rel.startsWith('../') || /[*?[\]]/.test(rel))
      step.fail(`${source}: name a path inside the build context, without wildcards`);
    if (!existsSync(join(step.context, rel)))
      step.fail(`${source} does not exist in the build context`);
    if (rel !== '.' && step.ignored.ignores(rel))
      step.fail(`${source} is excluded by .dockerignore: the build would not find it`);
    if (lstatSync(join(step.context, rel)).isDirectory()) copyFolder(rel, dest, step);
    else {
      const target = intoFolder ? posix.join(dest, posix.basename(rel)) : dest;
      step.makeDir(posix.dirname(target), 'root');
      copyFileSync(join(step.context, rel), step.host(target));
    }
  }
}

/** The contents of a context folder into an image folder, leaving out what .dockerignore does. */
function copyFolder(
  rel: string,
  dest: string,
  step: Step & { ignored: ReturnType<typeof ignore> },
): void {
  // COPY without --chown makes everything root's, whoever USER is.
  step.makeDir(dest, 'root');
  for (const entry of readdirSync(join(step.context, rel), { withFileTypes: true })) {
    const inner = posix.join(rel, entry.name);
    if (step.ignored.ignores(inner)) continue;
    const target = posix.join(dest, entry.name);
    if (entry.isDirectory()) copyFolder(inner, target, step);
    else if (entry.isSymbolicLink())
      symlinkSync(readlinkSync(join(step.context, inner)), step.host(target));
    else copyFileSync(join(step.context, inner), step.host(target));
  }
}

/**
 * The commands a RUN may hold. Each is replayed or checked for shape as its comment says; any
 * other command fails the replay, naming it.
 */
function run(argv: string[], step: Step & { user: string }): void {
  const [name, ...args] = argv;
  const line = argv.join(' ');
  const options = args.filter((a) => a.startsWith('-'));
  const operands = args.filter((a) => !a.startsWith('-'));
  if (name === 'npm' && args[0] === 'ci') {
    // Installs node_modules exactly as package-lock.json says: replayed by hard-linking the
    // repository's node_modules, which `npm ci` installed from the same lock. The two files must
    // be in the working directory already, copied by an earlier COPY.
    const unknown = args.slice(1).filter((a) => !['--no-audit', '--no-fund'].includes(a));
    if (unknown.length) step.fail(`${line}: the replay does not know ${unknown.join(' ')}`);
    for (const needed of ['package.json', 'package-lock.json'])
      if (!existsSync(step.host(posix.join(step.workdir, needed))))
        step.fail(`${line}: ${needed} is not in ${step.workdir} yet; COPY it before npm ci`);
    const target = posix.join(step.workdir, 'node_modules');
    step.makeDir(target, step.user);
    if (step.nodeModules) linkTree(step.nodeModules, step.host(target));
  } else if (line === 'npm cache clean --force') {
    // Empties the download cache npm ci filled, to keep the image small; the replay downloads
    // nothing, so there is nothing to empty.
  } else if (name === 'mkdir' && options.every((o) => o === '-p') && operands.length) {
    for (const path of operands.map((p) => posix.resolve(step.workdir, p))) {
      if (existsSync(step.host(path)) && !options.length) step.fail(`${line}: ${path} exists`);
      step.makeDir(path, step.user);
    }
  } else if (name === 'chown' && options.length === 0 && operands.length >= 2) {
    // Ownership is recorded, not applied (the tests may not run as root); it decides where USER
    // may write when the container runs.
    const [owner, ...paths] = operands;
    const [user, group = user] = owner!.split(':');
    for (const who of [user!, group!])
      if (!Object.hasOwn(NODE_IMAGE.homes, who)) step.fail(`${line}: no user or group ${who}`);
    if (step.user !== 'root') step.fail(`${line}: only root may chown, and USER is ${step.user}`);
    for (const path of paths.map((p) => posix.resolve(step.workdir, p))) {
      if (!existsSync(step.host(path))) step.fail(`${line}: ${path} does not exist`);
      step.owners.set(path, user!);
    }
  } else {
    step.fail(`${line}: the replay does not know this command; teach test/support/dockerfile/`);
  }
}

/** Hard links of every file under `from` at `to` (a copy where the two are on different disks). */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else
      try {
        linkSync(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        copyFileSync(source, target);
      }
  }
}
