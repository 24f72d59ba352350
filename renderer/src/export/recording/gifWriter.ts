import type { GifFromWorker, GifToWorker } from './gifProtocol.js';

export interface GifWorkerLike {
  postMessage(message: GifToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<GifFromWorker>) => void): void;
  terminate(): void;
}

/** Frames handed to the encoder and not yet written; more wait here, so memory stays bounded. */
const MAX_QUEUED = 3;

/**
 * Writes an animated GIF (looping) from canvas frames, encoded in a worker with gifenc: a palette of 256 colours
 * per frame, which suits flat diagrams and coloured packets.
 */
export class GifWriter {
  private sent = 0;
  private written = 0;
  private error: Error | null = null;
  private wake: (() => void) | null = null;
  private done: ((bytes: Uint8Array) => void) | null = null;
  private fail: ((error: Error) => void) | null = null;

  constructor(
    private readonly worker: GifWorkerLike = new Worker(new URL('./gifWorker.ts', import.meta.url), {
      type: 'module',
      name: 'gif',
    }) as unknown as GifWorkerLike,
  ) {
    worker.addEventListener('message', (event) => {
      const message = event.data;
      if (message.type === 'written') this.written = message.frames;
      else if (message.type === 'done') this.done?.(message.bytes);
      else {
        this.error = new Error(`GIF encoding failed: ${message.message}`);
        this.fail?.(this.error);
      }
      this.wake?.();
    });
  }

  /** Frames the encoder has finished. */
  get framesWritten(): number {
    return this.written;
  }

  /** Adds the canvas's current picture as the next frame, shown for `delayMs`. */
  async addFrame(canvas: HTMLCanvasElement, delayMs: number): Promise<void> {
    while (this.sent - this.written >= MAX_QUEUED && !this.error) await this.next();
    if (this.error) throw this.error;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('this browser has no 2D canvas to read frames from');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    this.worker.postMessage({ type: 'frame', rgba: data, width: canvas.width, height: canvas.height, delayMs }, [
      data.buffer,
    ]);
    this.sent++;
  }

  /** Waits for every frame, then returns the file. */
  async finish(): Promise<Blob> {
    while (this.written < this.sent && !this.error) await this.next();
    if (this.error) throw this.error;
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      this.done = resolve;
      this.fail = reject;
      this.worker.postMessage({ type: 'finish' });
    });
    this.close();
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
  }

  /** Stops the encoder; a frame or a finish still waiting fails. */
  close(): void {
    this.worker.terminate();
    this.error ??= new Error('the recording was stopped');
    this.fail?.(this.error);
    this.wake?.();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }
}
