import { createStore as createIdbStore, del, get, set } from 'idb-keyval';
import type { InterviewSession, ReplayFrame } from './session.js';

/**
 * Where a session survives a reload: the session itself (small: clock, notes, drills, score card) and its replay
 * frames (a document per edit, which can run to megabytes, so not in localStorage).
 */
export interface SessionPersistence {
  loadSession(): InterviewSession | null;
  saveSession(session: InterviewSession | null): void;
  loadFrames(sessionId: string): Promise<ReplayFrame[]>;
  saveFrames(sessionId: string, frames: readonly ReplayFrame[]): Promise<void>;
}

export const SESSION_KEY = 'backpressure.interview';

function isSession(v: unknown): v is InterviewSession {
  if (!v || typeof v !== 'object') return false;
  const s = v as Partial<InterviewSession>;
  return (
    typeof s.id === 'string' &&
    typeof s.promptId === 'string' &&
    typeof s.lengthMs === 'number' &&
    typeof s.accumulatedMs === 'number' &&
    typeof s.notes === 'string' &&
    !!s.prompt &&
    !!s.estimation &&
    Array.isArray(s.drills) &&
    (s.status === 'active' || s.status === 'review')
  );
}

interface FramesRecord {
  sessionId: string;
  frames: ReplayFrame[];
}

/** localStorage for the session, IndexedDB for the frames; either may be refused (private mode), never fatally. */
export function browserPersistence(): SessionPersistence {
  let idb: ReturnType<typeof createIdbStore> | null = null;
  const database = () => (idb ??= createIdbStore('backpressure-interview', 'frames'));
  return {
    loadSession() {
      try {
        const text = globalThis.localStorage?.getItem(SESSION_KEY);
        if (!text) return null;
        const parsed: unknown = JSON.parse(text);
        return isSession(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    saveSession(session) {
      try {
        if (session) globalThis.localStorage?.setItem(SESSION_KEY, JSON.stringify(session));
        else globalThis.localStorage?.removeItem(SESSION_KEY);
      } catch {
        // storage full or refused: the session lasts until the page closes
      }
    },
    async loadFrames(sessionId) {
      if (!globalThis.indexedDB) return [];
      try {
        const record = await get<FramesRecord>('frames', database());
        return record?.sessionId === sessionId && Array.isArray(record.frames) ? record.frames : [];
      } catch {
        return [];
      }
    },
    async saveFrames(sessionId, frames) {
      if (!globalThis.indexedDB) return;
      try {
        if (frames.length === 0) await del('frames', database());
        else await set('frames', { sessionId, frames: [...frames] } satisfies FramesRecord, database());
      } catch {
        // the replay is a nicety: without storage it covers this page's life only
      }
    },
  };
}

/** Keeps everything in memory (tests, and a second editor in one page). */
export function memoryPersistence(): SessionPersistence & { session: InterviewSession | null; frames: ReplayFrame[] } {
  const box = {
    session: null as InterviewSession | null,
    frames: [] as ReplayFrame[],
    frameSession: '',
    loadSession: () => (box.session ? structuredClone(box.session) : null),
    saveSession(session: InterviewSession | null) {
      box.session = session ? structuredClone(session) : null;
    },
    loadFrames: (sessionId: string) => Promise.resolve(box.frameSession === sessionId ? [...box.frames] : []),
    saveFrames(sessionId: string, frames: readonly ReplayFrame[]) {
      box.frameSession = sessionId;
      box.frames = [...frames];
      return Promise.resolve();
    },
  };
  return box;
}
