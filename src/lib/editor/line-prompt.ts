/**
 * The terminal side of questions: readline over stdin. Lines typed ahead (or piped in) are kept
 * until asked for, because the async iterator buffers them where `question()` would drop them.
 */
import { createInterface, type Interface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Prompt } from './ask.ts';

/** A prompt and the means to release the input once the command is done. */
export interface LinePrompt {
  prompt: Prompt;
  close(): void;
}

/** A prompt over streams; the interface is opened at the first question only. */
export function createLinePrompt(options: {
  input: Readable;
  output: Writable;
  /** Line editing and history (on a real terminal). */
  terminal?: boolean;
}): LinePrompt {
  let rl: Interface | undefined;
  let lines: AsyncIterator<string> | undefined;
  let closed = false;
  return {
    async prompt(question) {
      if (!rl) {
        rl = createInterface({
          input: options.input,
          output: options.output,
          terminal: options.terminal ?? false,
        });
        // Ctrl-C ends the input: the command stops with "no answer", writing nothing.
        rl.on('SIGINT', () => rl?.close());
        rl.on('close', () => (closed = true));
        lines = rl[Symbol.asyncIterator]();
      }
      const parts = question.split('\n');
      const last = parts.pop() ?? '';
      if (parts.length) options.output.write(`${parts.join('\n')}\n`);
      if (closed) {
        // Input has ended, but lines read before the end may still be waiting to be answered.
        options.output.write(last);
      } else {
        rl.setPrompt(last);
        rl.prompt();
      }
      const next = await lines!.next();
      return next.done ? undefined : next.value;
    },
    close() {
      rl?.close();
    },
  };
}
