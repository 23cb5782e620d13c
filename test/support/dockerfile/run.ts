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
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const describeExit = (e: Exit): string =>
    `the CMD exited (${e.signal ?? `code ${e.code}`}); it printed:\n${output}`;

  const healthy = async (): Promise<number> => {
    const check = image.healthcheck;
    if (!check) throw new Error('the image has no HEALTHCHECK');
    const deadline = Date.now() + REPLAY_WAITS.listenMs;
    let failuresSinceListening = 0;
    for (let runs = 1; ; runs++) {
      if (exit) throw new Error(`not healthy: ${describeExit(exit)}`);
      const listening = await accepts(options.port);
      const result = await runOnce(inImage(image, check.command), {
        env,
        cwd,
        boundMs: REPLAY_WAITS.attemptMs,
      });
      if (result.code === 0) return runs;
      if (listening && ++failuresSinceListening >= check.options.retries)
        throw new Error(
          `unhealthy: port ${options.port} answers, but the health check failed ${failuresSinceListening} times in a row; the last run printed:\n${result.output}`,
        );
      if (!listening && Date.now() > deadline)
        throw new Error(
          `nothing listens on port ${options.port} after ${REPLAY_WAITS.listenMs / 1000} s; the CMD printed:\n${output}`,
        );
      await new Promise((r) => setTimeout(r, REPLAY_WAITS.pollMs));
    }
  };

  const stop = async (graceMs: number): Promise<Exit> => {
    if (exit) throw new Error(`cannot stop: ${describeExit(exit)}`);
    child.kill(image.stopSignal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), graceMs)));
    const result = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (result === 'late')
      throw new Error(
        `still running ${graceMs / 1000} s after ${image.stopSignal} (docker stop would kill it); it printed:\n${output}`,
      );
    // A process left behind (one the signal never reached) still listens, or still holds the
    // output: Docker kills it unannounced when the first process ends.
    if (await accepts(options.port))
      throw new Error(
        `${describeExit(result)}\nbut port ${options.port} still answers: a process it started lives on, which Docker would kill unannounced`,
      );
    const lingering = new Promise<'lingering'>(
      (r) => (timer = setTimeout(() => r('lingering'), REPLAY_WAITS.closeMs)),
    );
    const end = await Promise.race([closed, lingering]);
    clearTimeout(timer);
    if (end === 'lingering')
      throw new Error(
        `${describeExit(result)}\nbut a process it started lives on, which Docker would kill unannounced`,
      );
    return result;
  };

  return {
    output: () => output,
    exited,
    healthy,
    stop,
    writes: () => compare(before, tree(image.root)),
    dispose: () => killGroup(child),
  };
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
  const mayWrite = (path: string): boolean =>
    [image.user, '*'].includes(owners.get(path) ?? ownerOf(image, path));
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
