import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EstimationInputs, InterviewPrompt, ScoreCard } from '../../../shared/interview/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import type { EditorStore } from '../store/editorStore.js';
import { workerRunner, type DrillRunner, type ScoreProgress } from './drillRunner.js';
import type { ExportFormat } from './exportCard.js';
import { browserPersistence, type SessionPersistence } from './persistence.js';
import { elapsedOf, type DealtDrill, type InterviewSession, type ReplayFrame } from './session.js';

/** Nodes and edges to point at on the canvas, and why (a rubric item, a broken node, the bottleneck). */
export interface CanvasHighlight {
  nodes: string[];
  edges: string[];
  tone: 'pass' | 'fail' | 'info';
  /** What is highlighted, for the canvas's legend. */
  label: string;
}

/** The score being computed (in the worker) after Finish. */
export interface Finishing {
  progress: ScoreProgress | null;
  error: string | null;
}

export interface InterviewState {
  session: InterviewSession | null;
  /** The design at each edit of the session, in order. */
  frames: ReplayFrame[];
  finishing: Finishing | null;
  highlight: CanvasHighlight | null;
  /** The "Deal a drill" menu is open (the command opens it; the strip shows it). */
  drillMenuOpen: boolean;
  /** The score card being exported, and how far its report's run has got. */
  exporting: { format: ExportFormat; progress: ScoreProgress | null } | null;
}

export interface InterviewActions {
  start(prompt: InterviewPrompt, options: { lengthMs: number; interviewerView: boolean; doc: TopologyDocument }): void;
  pause(): void;
  resume(): void;
  /** Session time on the clock now. */
  elapsed(): number;
  setNotes(notes: string): void;
  setEstimation(inputs: EstimationInputs): void;
  setInterviewerView(on: boolean): void;
  /** Records that the nudge of phase `index` was shown. */
  markPhaseShown(index: number): void;
  addDrill(drill: DealtDrill): void;
  /** Records the design after an edit (edits close together become one frame). */
  recordFrame(doc: TopologyDocument, label: string): void;
  /** Scores the design: rubric and chaos drill in the worker; the session then shows its score card. */
  finish(doc: TopologyDocument, seed: number): Promise<ScoreCard | null>;
  cancelFinish(): void;
  /** The score card as an HTML or Markdown report (built in the worker: it re-runs the drill for the charts). */
  exportCard(doc: TopologyDocument, format: ExportFormat): Promise<string>;
  /** Ends the session (abandoned, or its score card closed): forgets it everywhere. */
  end(): void;
  setHighlight(highlight: CanvasHighlight | null): void;
  setDrillMenuOpen(open: boolean): void;
}

export type InterviewStore = StoreApi<InterviewState & InterviewActions>;

export interface InterviewOptions {
  now?: () => number;
  persistence?: SessionPersistence;
  runner?: DrillRunner;
}

/** Edits closer together than this (session time) replace the last frame instead of adding one. */
export const FRAME_MERGE_MS = 2_000;
/** At most this many frames are kept; beyond it every other older frame is dropped, so the replay stays even. */
export const MAX_FRAMES = 400;

function thin(frames: ReplayFrame[]): ReplayFrame[] {
  if (frames.length <= MAX_FRAMES) return frames;
  const keepTail = Math.floor(MAX_FRAMES / 4);
  const head = frames.slice(0, frames.length - keepTail).filter((_, i) => i % 2 === 0);
  return [...head, ...frames.slice(frames.length - keepTail)];
}

/** The interview session's store: the session (persisted as it changes), its replay frames and transient UI state. */
export function createInterviewStore(options: InterviewOptions = {}): InterviewStore {
  const now = options.now ?? (() => Date.now());
  const persistence = options.persistence ?? browserPersistence();
  let runner = options.runner ?? null;
  let cancelRun: (() => void) | null = null;
  let framesWriting = false;
  let framesPending = false;

  const store = createStore<InterviewState & InterviewActions>()((set, get) => {
    const update = (patch: Partial<InterviewSession>) => {
      const session = get().session;
      if (!session) return;
      const next = { ...session, ...patch };
      set({ session: next });
      persistence.saveSession(next);
    };
    const saveFrames = () => {
      const session = get().session;
      if (!session) return;
      if (framesWriting) {
        framesPending = true;
        return;
      }
      framesWriting = true;
      framesPending = false;
      void persistence.saveFrames(session.id, get().frames).finally(() => {
        framesWriting = false;
        if (framesPending) saveFrames();
      });
    };
    return {
      session: null,
      frames: [],
      finishing: null,
      highlight: null,
      drillMenuOpen: false,
      exporting: null,

      start(prompt, { lengthMs, interviewerView, doc }) {
        const t = now();
        const session: InterviewSession = {
          id: `${prompt.id}-${t}`,
          promptId: prompt.id,
          prompt,
          lengthMs,
          interviewerView,
          startedAt: t,
          accumulatedMs: 0,
          runningSince: t,
          notes: '',
          estimation: { ...prompt.estimation },
          phaseShown: -1,
          drills: [],
          status: 'active',
          card: null,
        };
        set({
          session,
          frames: [{ elapsedMs: 0, label: 'Start', doc }],
          finishing: null,
          highlight: null,
          drillMenuOpen: false,
        });
        persistence.saveSession(session);
        saveFrames();
      },
      pause() {
        const s = get().session;
        if (!s || s.runningSince === null) return;
        update({ accumulatedMs: elapsedOf(s, now()), runningSince: null });
      },
      resume() {
        const s = get().session;
        if (!s || s.runningSince !== null || s.status !== 'active' || get().finishing) return;
        update({ runningSince: now() });
      },
      elapsed() {
        const s = get().session;
        return s ? elapsedOf(s, now()) : 0;
      },
      setNotes(notes) {
        update({ notes });
      },
      setEstimation(estimation) {
        update({ estimation });
      },
      setInterviewerView(interviewerView) {
        update({ interviewerView });
      },
      markPhaseShown(index) {
        const s = get().session;
        if (s && index > s.phaseShown) update({ phaseShown: index });
      },
      addDrill(drill) {
        const s = get().session;
        if (s) update({ drills: [...s.drills, drill] });
      },
      recordFrame(doc, label) {
        const s = get().session;
        if (!s || s.status !== 'active') return;
        const elapsedMs = elapsedOf(s, now());
        const frames = get().frames;
        const last = frames.at(-1);
        if (last?.doc === doc) return;
        const next =
          last && frames.length > 1 && elapsedMs - last.elapsedMs < FRAME_MERGE_MS
            ? [...frames.slice(0, -1), { elapsedMs, label, doc }]
            : [...frames, { elapsedMs, label, doc }];
        set({ frames: thin(next) });
        saveFrames();
      },
      async finish(doc, seed) {
        const s = get().session;
        if (!s || s.status !== 'active' || get().finishing) return null;
        get().pause();
        const paused = get().session!;
        runner ??= workerRunner();
        set({ finishing: { progress: null, error: null } });
        const job = runner.score(
          {
            prompt: paused.prompt,
            // The drill deals the prompt's faults: faults dealt during the session were for exploring.
            doc: { ...doc, faults: [] },
            notes: paused.notes,
            lengthMs: paused.lengthMs,
            elapsedMs: paused.accumulatedMs,
            seed,
          },
          (progress) => {
            if (get().finishing && cancelRun === job.cancel) set({ finishing: { progress, error: null } });
          },
        );
        cancelRun = job.cancel;
        try {
          const card = await job.result;
          if (cancelRun !== job.cancel || get().session?.id !== paused.id) return null;
          cancelRun = null;
          set({ finishing: null });
          update({ status: 'review', card });
          // The design as it was scored ends the replay.
          const frames = get().frames;
          if (frames.at(-1)?.doc !== doc) {
            set({ frames: thin([...frames, { elapsedMs: paused.accumulatedMs, label: 'Finish', doc }]) });
            saveFrames();
          }
          return card;
        } catch (e) {
          if (cancelRun !== job.cancel) return null;
          cancelRun = null;
          set({ finishing: { progress: null, error: e instanceof Error ? e.message : String(e) } });
          return null;
        }
      },
      async exportCard(doc, format) {
        const card = get().session?.card;
        if (!card) throw new Error('there is no score card to export');
        runner ??= workerRunner();
        set({ exporting: { format, progress: null } });
        try {
          return await runner.exportCard({ card, doc: { ...doc, faults: [] }, format }, (progress) =>
            set({ exporting: { format, progress } }),
          ).result;
        } finally {
          set({ exporting: null });
        }
      },
      cancelFinish() {
        cancelRun?.();
        cancelRun = null;
        set({ finishing: null });
      },
      end() {
        cancelRun?.();
        cancelRun = null;
        const s = get().session;
        set({ session: null, frames: [], finishing: null, highlight: null, drillMenuOpen: false });
        persistence.saveSession(null);
        if (s) void persistence.saveFrames(s.id, []);
      },
      setHighlight(highlight) {
        set({ highlight });
      },
      setDrillMenuOpen(drillMenuOpen) {
        set({ drillMenuOpen });
      },
    };
  });

  // A session from before a reload carries on where it was; its frames arrive a moment later.
  const saved = persistence.loadSession();
  if (saved) {
    store.setState({ session: saved });
    void persistence.loadFrames(saved.id).then((frames) => {
      const s = store.getState().session;
      if (s?.id !== saved.id || frames.length === 0) return;
      // Frames recorded since the reload come after the stored ones.
      const recent = store.getState().frames.filter((f) => f.elapsedMs > (frames.at(-1)?.elapsedMs ?? 0));
      store.setState({ frames: thin([...frames, ...recent]) });
    });
  }
  return store;
}

const stores = new WeakMap<EditorStore, InterviewStore>();

/** The interview store of an editor (one per editor store), created on first use with the browser's storage. */
export function interviewFor(editor: EditorStore): InterviewStore {
  let store = stores.get(editor);
  if (!store) {
    store = createInterviewStore();
    stores.set(editor, store);
  }
  return store;
}

/** Gives an editor a store made with other options (tests: a fake clock, memory storage, an in-process runner). */
export function attachInterview(editor: EditorStore, store: InterviewStore): InterviewStore {
  stores.set(editor, store);
  return store;
}
