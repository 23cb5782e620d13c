/**
 * Preloaded into an `astro build` (NODE_OPTIONS=--import): stands in for the configuration cache
 * that `loadConfig` keeps on globalThis, counts the parses it records, and writes the count to
 * HELIOGRAPH_PARSES_FILE when the build process exits.
 */
import { writeFileSync } from 'node:fs';

let parses = 0;

class CountingMap extends Map {
  set(key, value) {
    parses++;
    return super.set(key, value);
  }
}

Reflect.set(globalThis, 'heliographConfigs', new CountingMap());
process.on('exit', () => {
  if (process.env.HELIOGRAPH_PARSES_FILE)
    writeFileSync(process.env.HELIOGRAPH_PARSES_FILE, String(parses));
});
