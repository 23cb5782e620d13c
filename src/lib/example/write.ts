/** Writes the generated example into a content folder, replacing its entries, templates and history. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateExample, type ExampleOptions } from './generate.ts';

/** Writes the example into `out`; returns the number of files written. */
export function writeExample(options: ExampleOptions & { out: string }): number {
  const files = generateExample(options);
  for (const folder of ['incidents', 'maintenance', 'history', 'templates']) {
    rmSync(join(options.out, folder), { recursive: true, force: true });
  }
  for (const [path, text] of files) {
    const target = join(options.out, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return files.size;
}
