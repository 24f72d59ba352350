/// <reference lib="webworker" />
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { GifFromWorker, GifToWorker } from './gifProtocol.js';

// Quantising and compressing frames is the slow part of a GIF: it runs here, off the editor's thread.
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
let gif = GIFEncoder();
let written = 0;

const post = (message: GifFromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.addEventListener('message', (event: MessageEvent<GifToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'frame') {
      const { rgba, width, height, delayMs } = message;
      const palette = quantize(rgba, 256);
      const index = applyPalette(rgba, palette);
      gif.writeFrame(index, width, height, { palette, delay: delayMs, repeat: 0 });
      post({ type: 'written', frames: ++written });
    } else if (message.type === 'finish') {
      gif.finish();
      const bytes = gif.bytes();
      gif = GIFEncoder();
      written = 0;
      post({ type: 'done', bytes }, [bytes.buffer]);
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
