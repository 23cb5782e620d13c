/**
 * A worker thread that draws share images (satori, then resvg), so that a build draws them on
 * another core while its main thread renders pages. It answers each `DrawRequest` with a
 * `DrawReply` carrying the PNG, or the error's message. Started by draw-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { DrawReply, DrawRequest } from './draw-pool.ts';
import { renderCard } from './render.ts';

const port = parentPort;
if (!port) throw new Error('draw-worker.ts runs as a worker thread (see draw-pool.ts)');
/** Drawings run one after another: one core each, and each drawing timed alone. */
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: DrawRequest) => {
  queue = queue.then(async () => {
    await draw(port, request);
    // resvg's pixels and SVG tree (megabytes an image) live outside the JavaScript heap and are
    // freed by callbacks that run on the event loop, not between promises: without a turn of the
    // loop between drawings, a queue of 250 images held 700 MB until the last one.
    await new Promise((next) => setImmediate(next));
  });
});

async function draw(to: NonNullable<typeof parentPort>, request: DrawRequest): Promise<void> {
  const started = performance.now();
  try {
    const png = await renderCard(request.card, request.logo);
    // A copy of its own, so that its memory moves to the main thread instead of being copied.
    const bytes = new Uint8Array(png);
    const reply: DrawReply = { id: request.id, png: bytes, ms: performance.now() - started };
    to.postMessage(reply, [bytes.buffer]);
  } catch (error) {
    const reply: DrawReply = { id: request.id, error: String(error) };
    to.postMessage(reply);
  }
}
