/** The real output streams, as the command-line kernel takes them (src/lib/cli/command-line.ts). */
import type { CommandIo } from '../../src/lib/cli/command-line.ts';

/** A script's name and its stdout and stderr, for readCommandLine and usageError. */
export function processIo(name: string): CommandIo & { name: string } {
  return {
    name,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
