/**
 * Work spread over animation frames. Each owner has at most one job waiting (a newer one replaces it), and a frame
 * runs waiting jobs, oldest first, until FRAME_BUDGET_MS have gone; the rest wait for the next frame. While a run
 * plays, the charts redraw through it: four charts with new data cost a little of several frames instead of one
 * long task.
 */
export const FRAME_BUDGET_MS = 4;

const jobs = new Map<object, () => void>();
let frame = 0;

function run(): void {
  frame = 0;
  const start = performance.now();
  for (const [owner, job] of jobs) {
    jobs.delete(owner);
    job();
    if (performance.now() - start >= FRAME_BUDGET_MS) break;
  }
  if (jobs.size > 0 && frame === 0) frame = requestAnimationFrame(run);
}

/** Runs `job` in a coming animation frame, in place of any job `owner` still has waiting. */
export function scheduleFrameJob(owner: object, job: () => void): void {
  jobs.delete(owner);
  jobs.set(owner, job);
  if (frame === 0) frame = requestAnimationFrame(run);
}

/** Forgets the job `owner` has waiting, if any. */
export function cancelFrameJob(owner: object): void {
  jobs.delete(owner);
}

/** How many jobs are waiting (for tests). */
export function waitingFrameJobs(): number {
  return jobs.size;
}
