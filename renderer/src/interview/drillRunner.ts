import type { InterviewPrompt, ScoreCard } from '../../../shared/interview/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import type { ExportRequest } from './exportCard.js';

/** What scoring a session needs: the design, the prompt and the session's own figures. */
export interface ScoreRequest {
  prompt: InterviewPrompt;
  doc: TopologyDocument;
  notes: string;
  lengthMs: number;
  elapsedMs: number;
  seed: number;
}

/** Progress of the drill while it runs, in simulated time. */
export interface ScoreProgress {
  stage: 'rubric' | 'drill' | 'card';
  simulatedMs: number;
  durationMs: number;
}

export type ToDrillWorker =
  { type: 'score'; id: number; request: ScoreRequest } | { type: 'export'; id: number; request: ExportRequest };
export type FromDrillWorker =
  | { type: 'progress'; id: number; progress: ScoreProgress }
  | { type: 'done'; id: number; card: ScoreCard }
  | { type: 'exported'; id: number; text: string }
  | { type: 'failed'; id: number; message: string };

export interface RunningJob<T> {
  result: Promise<T>;
  /** Stops the job; its promise then never settles. */
  cancel(): void;
}

/** Scores a session, and exports its score card, away from the main thread. */
export interface DrillRunner {
  score(request: ScoreRequest, onProgress: (p: ScoreProgress) => void): RunningJob<ScoreCard>;
  exportCard(request: ExportRequest, onProgress: (p: ScoreProgress) => void): RunningJob<string>;
}

export interface DrillWorkerLike {
  postMessage(message: ToDrillWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromDrillWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Runs the rubric and the chaos drill in a Web Worker of their own, a fresh one per score (cancel terminates it). */
export function workerRunner(
  create: () => DrillWorkerLike = () =>
    new Worker(new URL('./drillWorker.ts', import.meta.url), {
      type: 'module',
      name: 'interview-drill',
    }) as unknown as DrillWorkerLike,
): DrillRunner {
  let next = 0;
  function job<T>(
    message: ToDrillWorker,
    onProgress: (p: ScoreProgress) => void,
    pick: (m: FromDrillWorker) => T | undefined,
  ): RunningJob<T> {
    const worker = create();
    const result = new Promise<T>((resolve, reject) => {
      worker.addEventListener('message', (e) => {
        const m = e.data;
        if (m.id !== message.id) return;
        if (m.type === 'progress') return onProgress(m.progress);
        worker.terminate();
        if (m.type === 'failed') reject(new Error(m.message));
        else resolve(pick(m) as T);
      });
      worker.addEventListener('error', (e) => {
        worker.terminate();
        reject(new Error(e.message || 'the drill worker stopped'));
      });
    });
    worker.postMessage(message);
    return { result, cancel: () => worker.terminate() };
  }
  return {
    score: (request, onProgress) =>
      job({ type: 'score', id: ++next, request }, onProgress, (m) => (m.type === 'done' ? m.card : undefined)),
    exportCard: (request, onProgress) =>
      job({ type: 'export', id: ++next, request }, onProgress, (m) => (m.type === 'exported' ? m.text : undefined)),
  };
}
