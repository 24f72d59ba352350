import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useEditorStore } from '../store/useEditor.js';
import { interviewFor, type InterviewActions, type InterviewState, type InterviewStore } from './interviewStore.js';

/** The interview store of the editor this component is in. */
export function useInterviewStore(): InterviewStore {
  return interviewFor(useEditorStore());
}

/** Subscribes to a slice of the interview session's state. */
export function useInterview<T>(selector: (s: InterviewState & InterviewActions) => T): T {
  return useStore(useInterviewStore(), selector);
}

/** Session time on the clock, refreshed every `everyMs` while the clock runs. */
export function useElapsed(everyMs = 250): number {
  const store = useInterviewStore();
  const running = useInterview((s) => s.session?.runningSince ?? null);
  // Subscribed so a pause (which moves the time into `accumulatedMs`) re-renders with the final figure.
  useInterview((s) => s.session?.accumulatedMs ?? 0);
  const [, tick] = useState(0);
  useEffect(() => {
    if (running === null) return;
    const t = setInterval(() => tick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [running, everyMs]);
  return store.getState().elapsed();
}
