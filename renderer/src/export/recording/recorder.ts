import { renderDiagram } from '../../../../shared/export/index.js';
import type { TopologyDocument } from '../../../../shared/model/types.js';
import type { WorkerLike } from '../../sim/simClient.js';
import { EXPORT_PADDING } from '../exportOptions.js';
import { loadSvgImage } from '../rasterize.js';
import { COMPOSER_COLORS, FrameComposer } from './frameComposer.js';
import { GifWriter } from './gifWriter.js';
import {
  evenPixels,
  frameTimeMs,
  webmBitsPerSecond,
  type RecordingOptions,
  type RecordingPlan,
} from './recordingOptions.js';
import { createRecordingWorker, RecordingRun } from './recordingRun.js';
import { WebmWriter } from './webmWriter.js';

/** Catching up to a late start, the run advances this much simulated time per request (messages are dropped). */
const CATCH_UP_MS = 2_000;

export interface RecordingInput {
  doc: TopologyDocument;
  seed: number;
  runDurationMs: number;
  options: RecordingOptions;
  plan: RecordingPlan;
  theme: 'light' | 'dark';
  /** The selection to record instead of the whole diagram. */
  only?: { nodes: string[]; notes: string[] };
}

export interface RecordingProgress {
  phase: 'preparing' | 'recording' | 'encoding';
  /** Frames drawn so far, of `frames`. */
  frame: number;
  frames: number;
}

export interface Recording {
  blob: Blob;
  width: number;
  height: number;
  frames: number;
  /** WebM only: pieces the browser's recorder handed over. */
  chunks?: number;
}

/** The size in pixels of the frames of a recording of `input` (the diagram's size at the chosen scale). */
export function recordingSize(
  diagram: { width: number; height: number },
  options: Pick<RecordingOptions, 'kind' | 'scale'>,
): { width: number; height: number } {
  const w = diagram.width * options.scale;
  const h = diagram.height * options.scale;
  return options.kind === 'webm'
    ? { width: evenPixels(w), height: evenPixels(h) }
    : { width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)) };
}

function stopped(): DOMException {
  return new DOMException('The recording was cancelled', 'AbortError');
}

/**
 * Records the simulation of `input.doc` as a GIF or a WebM video: a run of its own in a worker, advanced frame by
 * frame to `plan`'s simulated times, each frame composed from the exported diagram, the run's live state and its
 * packets in flight. Cancelled through `signal` (rejects with an AbortError).
 */
export async function recordSimulation(
  input: RecordingInput,
  onProgress: (progress: RecordingProgress) => void,
  signal: AbortSignal,
  worker: WorkerLike = createRecordingWorker(),
): Promise<Recording> {
  const { doc, options, plan } = input;
  const frames = plan.frames;
  onProgress({ phase: 'preparing', frame: 0, frames });
  const run = new RecordingRun(worker, doc, input.seed, input.runDurationMs);
  let writer: GifWriter | WebmWriter | null = null;
  const abort = () => {
    run.close();
    writer?.close();
  };
  signal.addEventListener('abort', abort);
  try {
    const diagram = renderDiagram(doc, {
      theme: input.theme,
      background: 'theme',
      embedDocument: false,
      padding: EXPORT_PADDING,
      ...(input.only ? { only: input.only } : {}),
    });
    const image = await loadSvgImage(diagram.svg);
    const size = recordingSize(diagram, options);
    const composer = new FrameComposer(
      doc,
      image,
      { origin: diagram.origin, width: size.width, height: size.height, scale: size.width / diagram.width },
      COMPOSER_COLORS[input.theme],
      options.speed,
      input.only ? new Set(input.only.nodes) : undefined,
    );
    const ids = await run.loaded();
    composer.setRunIds(ids.nodeIds, ids.edgeIds);

    for (let t = 0; t < plan.startMs;) {
      if (signal.aborted) throw stopped();
      t = Math.min(plan.startMs, t + CATCH_UP_MS);
      const frame = await run.advance(t);
      composer.addMessages(frame.messages);
      composer.forget(frame.timeMs);
    }

    writer =
      options.kind === 'gif'
        ? new GifWriter()
        : new WebmWriter(composer.canvas, options.fps, webmBitsPerSecond(size.width, size.height));
    const delayMs = 1000 / options.fps;
    for (let k = 0; k < frames; k++) {
      if (signal.aborted) throw stopped();
      const t = frameTimeMs(plan, k);
      const frame = await run.advance(t);
      composer.addMessages(frame.messages);
      composer.compose(t, frame.live);
      if (writer instanceof GifWriter) await writer.addFrame(composer.canvas, delayMs);
      else await writer.addFrame();
      onProgress({ phase: 'recording', frame: k + 1, frames });
    }
    if (signal.aborted) throw stopped();
    onProgress({ phase: 'encoding', frame: frames, frames });
    const blob = await writer.finish();
    if (signal.aborted) throw stopped();
    return {
      blob,
      width: size.width,
      height: size.height,
      frames,
      ...(writer instanceof WebmWriter ? { chunks: writer.chunkCount } : {}),
    };
  } catch (error) {
    writer?.close();
    throw signal.aborted ? stopped() : error;
  } finally {
    signal.removeEventListener('abort', abort);
    run.close();
  }
}
