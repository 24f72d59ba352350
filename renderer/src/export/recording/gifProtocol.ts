/** The GIF encoding worker's messages: frames in (RGBA, transferred), a count of frames written back, the file. */
export type GifToWorker =
  { type: 'frame'; rgba: Uint8ClampedArray; width: number; height: number; delayMs: number } | { type: 'finish' };

export type GifFromWorker =
  { type: 'written'; frames: number } | { type: 'done'; bytes: Uint8Array } | { type: 'failed'; message: string };
