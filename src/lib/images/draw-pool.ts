/**
 * Drawing share images on other cores: a small pool of worker threads (draw-worker.ts) that each
 * draw one card at a time, in the order asked. Satori and resvg give the same bytes whichever
 * thread runs them, so a site built with workers is byte for byte the site built without.
 */
import { Worker } from 'node:worker_threads';
import type { ShareCard } from './cards.ts';
import type { DrawnImage } from './image-cache.ts';
import type { LogoImage } from './logo.ts';

/** What the main thread asks a worker to draw. */
export interface DrawRequest {
  id: number;
  card: ShareCard;
  logo: LogoImage | null;
}

/** A worker's answer: the PNG and how long drawing it took, or why it could not be drawn. */
export type DrawReply = { id: number; png: Uint8Array; ms: number } | { id: number; error: string };

/** Workers that draw cards into PNGs. */
export interface DrawPool {
  draw: (card: ShareCard, logo: LogoImage | null) => Promise<DrawnImage>;
  /** Stops the workers; drawings not finished are rejected. */
  close: () => Promise<void>;
}

/** Starts `size` workers running `workerFile` (draw-worker.ts), each when first needed. */
export function drawPool(options: { size: number; workerFile: string }): DrawPool {
  const pending = new Map<number, { done: (d: DrawnImage) => void; fail: (e: Error) => void }>();
  const workers: { worker: Worker; busy: number }[] = [];
  let next = 0;

  const start = (): { worker: Worker; busy: number } => {
    const worker = new Worker(options.workerFile);
    const slot = { worker, busy: 0 };
    worker.on('message', (reply: DrawReply) => {
      slot.busy--;
      // An idle worker does not keep the build running once every page is written; a busy one
      // does, or a build waiting only for a drawing would end before it.
      if (slot.busy === 0) worker.unref();
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if ('png' in reply) {
        const { buffer, byteOffset, byteLength } = reply.png;
        waiting.done({ png: Buffer.from(buffer, byteOffset, byteLength), ms: reply.ms });
      } else waiting.fail(new Error(`drawing a share image failed: ${reply.error}`));
    });
    worker.on('error', (error) => {
      // A worker that dies takes its drawings with it: each fails the page that waits for it.
      for (const [id, waiting] of pending) {
        waiting.fail(new Error('a share-image worker stopped', { cause: error }));
        pending.delete(id);
      }
    });
    workers.push(slot);
    return slot;
  };

  return {
    draw: (card, logo) =>
      new Promise<DrawnImage>((done, fail) => {
        // The least busy worker, or a new one while the pool is not full.
        let slot = workers.reduce<(typeof workers)[number] | undefined>(
          (best, w) => (best && best.busy <= w.busy ? best : w),
          undefined,
        );
        if (!slot || (slot.busy > 0 && workers.length < options.size)) slot = start();
        const id = next++;
        pending.set(id, { done, fail });
        if (slot.busy++ === 0) slot.worker.ref();
        const request: DrawRequest = { id, card, logo };
        slot.worker.postMessage(request);
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      workers.length = 0;
    },
  };
}
