/**
 * A container of a replayed image (build.ts), run without an engine: the CMD as a child process
 * in the WORKDIR, with only the image's ENV (absolute paths moved into the image's folder), the
 * base image's PATH and HOME, and what `docker run -e` would add. The HEALTHCHECK command runs as
 * written, in the same environment; the STOPSIGNAL goes to the CMD's process, as `docker stop`
 * sends it to the container's first process (or `--init` forwards it there).
 *
 * What the container writes is compared with the image afterwards: a file outside every VOLUME is
 * lost when the container is replaced, and a file in a folder that USER does not own could not
 * be written at all (the replay itself runs as whoever runs the tests, so it has to check this).
 *
 * Waits are bounds, never expectations: a sound image passes on any machine, however slow.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { hostPath, NODE_IMAGE, ownerOf, type Image } from './build.ts';
import type { Command } from './parse.ts';

/** How long the replay waits, at most, and how often it looks. */
export const REPLAY_WAITS = {
  /** The CMD listens on its port within this, or the replay gives up (Docker would wait on). */
  listenMs: 60_000,
  /** One run of the health check command, at most; HEALTHCHECK's own --timeout is not imposed,
   * since it measures the machine as much as the image. */
  attemptMs: 30_000,
  /** Between two health checks: Docker's --interval is not waited, only the order matters. */
  pollMs: 200,
  /** After the CMD's process exits, its output closes within this unless a child of it lives on. */
  closeMs: 10_000,
};

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ContainerOptions {
  /** `docker run -e NAME=value`: added to the image's ENV, winning over it. */
  env: Record<string, string>;
  /** `docker run -v host:path`: replayed by putting a copy of the host folder at the image path. */
  mounts?: Record<string, string>;
  /** The TCP port the CMD listens on (127.0.0.1): once it answers, the start period is over. */
  port: number;
}

/** What the container created and changed, as image paths. */
export interface Writes {
  created: string[];
  changed: string[];
}

export interface Container {
  /** Everything the CMD printed so far, standard output and error interleaved. */
  output: () => string;
  exited: Promise<Exit>;
  /**
   * Runs the health check until it exits 0; resolves with the number of runs. Throws when the CMD
   * exits first, or when the port answers and the check has failed `--retries` times in a row
   * since (what Docker calls unhealthy), or when nothing listens within REPLAY_WAITS.listenMs.
   */
  healthy: () => Promise<number>;
  /** Sends the STOPSIGNAL and waits at most `graceMs` for the exit. */
  stop: (graceMs: number) => Promise<Exit>;
  /** What the container wrote, compared with the image before it started. */
  writes: () => Writes;
  /** Kills whatever of the container is left (its whole process group). */
  dispose: () => void;
}

/** The container's environment: base image, image ENV (paths moved), then `docker run -e`. */
export function containerEnv(image: Image, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: image.path,
    HOME: hostPath(image, NODE_IMAGE.homes[image.user]!),
  };
  for (const [name, value] of Object.entries(image.env))
    env[name] = value.startsWith('/') ? hostPath(image, value) : value;
  return { ...env, ...extra };
}

/** Starts the CMD of `image` in a new process group. */
export function startContainer(image: Image, options: ContainerOptions): Container {
  for (const [path, source] of Object.entries(options.mounts ?? {})) {
    rmSync(hostPath(image, path), { recursive: true, force: true });
    cpSync(source, hostPath(image, path), { recursive: true });
  }
  const before = tree(image.root);
  const env = containerEnv(image, options.env);
  const cwd = hostPath(image, image.workdir);
  const child = launch(inImage(image, image.cmd), { env, cwd, detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let exit: Exit | undefined;
  const running: Running = {
    image,
    env,
    cwd,
    port: options.port,
    child,
    output: () => output,
    exit: () => exit,
    exited: new Promise<Exit>((resolve) =>
      child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
    ),
    closed: new Promise<true>((resolve) => child.once('close', () => resolve(true))),
  };
  return {
    output: running.output,
    exited: running.exited,
    healthy: () => waitHealthy(running),
    stop: (graceMs) => stopContainer(running, graceMs),
    writes: () => compare(before, tree(image.root)),
    dispose: () => killGroup(child),
  };
}

/** A started container, as its health check and its stop see it. */
interface Running {
  image: Image;
  env: Record<string, string>;
  cwd: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** How the CMD's process ended, once it has. */
  exit: () => Exit | undefined;
  exited: Promise<Exit>;
  /** Resolves once its output has closed: nothing it started holds it any more. */
  closed: Promise<true>;
}

function describeExit(running: Running, exit: Exit): string {
  return `the CMD exited (${exit.signal ?? `code ${exit.code}`}); it printed:\n${running.output()}`;
}

/** Container.healthy. */
async function waitHealthy(running: Running): Promise<number> {
  const { image, port } = running;
  const check = image.healthcheck;
  if (!check) throw new Error('the image has no HEALTHCHECK');
  const deadline = Date.now() + REPLAY_WAITS.listenMs;
  let failuresSinceListening = 0;
  for (let runs = 1; ; runs++) {
    const exit = running.exit();
    if (exit) throw new Error(`not healthy: ${describeExit(running, exit)}`);
    const listening = await accepts(port);
    const result = await runOnce(inImage(image, check.command), {
      env: running.env,
      cwd: running.cwd,
      boundMs: REPLAY_WAITS.attemptMs,
    });
    if (result.code === 0) return runs;
    if (listening && ++failuresSinceListening >= check.options.retries)
      throw new Error(
        `unhealthy: port ${port} answers, but the health check failed ${failuresSinceListening} times in a row; the last run printed:\n${result.output}`,
      );
    if (!listening && Date.now() > deadline)
      throw new Error(
        `nothing listens on port ${port} after ${REPLAY_WAITS.listenMs / 1000} s; the CMD printed:\n${running.output()}`,
      );
    await new Promise((r) => setTimeout(r, REPLAY_WAITS.pollMs));
  }
}

/** Container.stop: the STOPSIGNAL, an exit within `graceMs`, and nothing of it left running. */
async function stopContainer(running: Running, graceMs: number): Promise<Exit> {
  const { image, port } = running;
  const before = running.exit();
  if (before) throw new Error(`cannot stop: ${describeExit(running, before)}`);
  running.child.kill(image.stopSignal);
  const exit = await within(running.exited, graceMs);
  if (!exit)
    throw new Error(
      `still running ${graceMs / 1000} s after ${image.stopSignal} (docker stop would kill it); it printed:\n${running.output()}`,
    );
  // A process left behind (one the signal never reached) still listens, or still holds the
  // output: Docker kills it unannounced when the first process ends.
  const leftBehind = (await accepts(port))
    ? `port ${port} still answers`
    : (await within(running.closed, REPLAY_WAITS.closeMs)) === undefined
      ? 'its output is still open'
      : undefined;
  if (leftBehind)
    throw new Error(
      `${describeExit(running, exit)}\nbut ${leftBehind}: a process it started lives on, which Docker would kill unannounced`,
    );
  return exit;
}

/** What `promise` resolves to, or undefined after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), ms)),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Where the container wrote what it should not: outside every VOLUME (lost with the container),
 * except in folders whose loss is fine, or in a folder USER does not own (refused in a real one).
 */
export function misplacedWrites(
  image: Image,
  writes: Writes,
  disposable: Record<string, string>,
): string[] {
  const problems: string[] = [];
  const within = (path: string, folder: string): boolean =>
    path === folder || path.startsWith(`${folder}/`);
  const owners = new Map(image.owners);
  const mayWrite = (path: string): boolean => [image.user, '*'].includes(ownerOf(owners, path));
  for (const path of writes.created.toSorted()) {
    const parent = posix.dirname(path);
    if (!mayWrite(parent))
      problems.push(`${path}: USER ${image.user} cannot create it, ${parent} is not theirs`);
    owners.set(path, image.user);
  }
  for (const path of writes.changed)
    if (!mayWrite(path)) problems.push(`${path}: USER ${image.user} cannot change it`);
  for (const path of [...writes.created, ...writes.changed])
    if (
      !image.volumes.some((v) => within(path, v)) &&
      !Object.keys(disposable).some((d) => within(path, d))
    )
      problems.push(`${path}: outside every VOLUME, so lost when the container is replaced`);
  return problems;
}

/**
 * An exec-form command whose program is an absolute path, moved into the image's folder when the
 * build put it there (else it is the base image's own, which the host's stands in for: /bin/sh).
 */
function inImage(image: Image, command: Command): Command {
  if (command.form !== 'exec' || !command.argv[0]?.startsWith('/')) return command;
  const [program, ...args] = command.argv;
  const inside = hostPath(image, program);
  return { form: 'exec', argv: [existsSync(inside) ? inside : program, ...args] };
}

/** The process of a command, with its output piped. */
function launch(
  command: Command,
  options: { env: Record<string, string>; cwd: string; detached: boolean },
): ChildProcessByStdio<null, Readable, Readable> {
  const [file, ...args] = command.form === 'exec' ? command.argv : ['/bin/sh', '-c', command.text];
  return spawn(file!, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a command to its end (killed after `boundMs`); a command that cannot start fails. */
function runOnce(
  command: Command,
  options: { env: Record<string, string>; cwd: string; boundMs: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = launch(command, { env: options.env, cwd: options.cwd, detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => killGroup(child), options.boundMs);
    child.once('error', (error) => (output += `${error.message}\n`));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group has ended already, which is what was wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Every path under `root` (image paths) with what tells a change. */
function tree(root: string, dir = '/', out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    const stat = lstatSync(join(root, path));
    out.set(path, entry.isDirectory() ? 'dir' : `${stat.ino}:${stat.size}:${stat.mtimeMs}`);
    if (entry.isDirectory()) tree(root, path, out);
  }
  return out;
}

function compare(before: Map<string, string>, after: Map<string, string>): Writes {
  const created: string[] = [];
  const changed: string[] = [];
  for (const [path, mark] of after) {
    const old = before.get(path);
    if (old === undefined) created.push(path);
    else if (old !== mark) changed.push(path);
  }
  return { created, changed };
}
