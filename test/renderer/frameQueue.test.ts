import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FRAME_BUDGET_MS,
  cancelFrameJob,
  scheduleFrameJob,
  waitingFrameJobs,
} from '../../renderer/src/dashboard/frameQueue.js';

let frames: ((t: number) => void)[] = [];
let now = 0;

/** Runs the animation frame requested last, if any. */
function frame(): boolean {
  const waiting = frames;
  frames = [];
  waiting.forEach((fn) => fn(now));
  return waiting.length > 0;
}

beforeEach(() => {
  frames = [];
  now = 0;
  vi.stubGlobal('requestAnimationFrame', (fn: (t: number) => void) => frames.push(fn));
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});

afterEach(() => {
  while (frame()) {
    /* drain */
  }
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('frame queue', () => {
  it('runs jobs in a coming frame, a newer job of an owner in place of the waiting one', () => {
    const ran: string[] = [];
    const a = {};
    const b = {};
    scheduleFrameJob(a, () => ran.push('a1'));
    scheduleFrameJob(b, () => ran.push('b'));
    scheduleFrameJob(a, () => ran.push('a2'));
    expect(ran).toEqual([]);
    expect(frames).toHaveLength(1);
    frame();
    // a's newer job replaced the first and went to the back of the line
    expect(ran).toEqual(['b', 'a2']);
    expect(waitingFrameJobs()).toBe(0);
    expect(frame()).toBe(false);
  });

  it('stops a frame once the budget is spent and goes on in the next', () => {
    const ran: number[] = [];
    for (let i = 0; i < 5; i++)
      scheduleFrameJob({}, () => {
        ran.push(i);
        now += FRAME_BUDGET_MS / 2;
      });
    frame();
    expect(ran).toEqual([0, 1]);
    expect(waitingFrameJobs()).toBe(3);
    frame();
    expect(ran).toEqual([0, 1, 2, 3]);
    frame();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(frame()).toBe(false);
  });

  it('forgets a cancelled job', () => {
    const owner = {};
    const job = vi.fn();
    scheduleFrameJob(owner, job);
    cancelFrameJob(owner);
    frame();
    expect(job).not.toHaveBeenCalled();
  });
});
