import { resolveDrill, type InterviewPrompt } from '../../../shared/interview/index.js';
import type { Fault } from '../../../shared/model/types.js';
import { confirmDiscard } from '../files/browserFiles.js';
import { resolveSimulation } from '../sim/resolveSettings.js';
import type { SimClient } from '../sim/simClient.js';
import type { CommandContext } from '../store/commands.js';
import { emptyDocument } from '../store/emptyDocument.js';
import { freshId, usedIds } from '../store/ids.js';
import { problemsOf } from '../store/useEditor.js';
import { interviewFor } from './interviewStore.js';
import { formatClock } from './session.js';

const ask = (question: string) => globalThis.confirm(question);

/** The name of the document a session designs in. */
export const sessionDocumentName = (prompt: InterviewPrompt) => `Mock interview: ${prompt.title}`;

/**
 * Starts a mock interview on a new empty document named after the prompt; asks first when that would end another
 * session or lose unsaved changes. Returns whether it started.
 */
export function startInterview(
  ctx: CommandContext,
  prompt: InterviewPrompt,
  options: { lengthMs: number; interviewerView: boolean },
): boolean {
  const interview = interviewFor(ctx.store);
  const current = interview.getState().session;
  if (current) {
    if (
      !ask(
        `End the mock interview “${current.prompt.title}” and start “${prompt.title}”? Its design and notes will be replaced.`,
      )
    )
      return false;
  } else if (!confirmDiscard(ctx.store, `Start the mock interview “${prompt.title}”`)) return false;
  interview.getState().end();
  ctx.store.getState().load(emptyDocument(sessionDocumentName(prompt)), null);
  interview.getState().start(prompt, { ...options, doc: ctx.store.getState().doc });
  ctx.store.getState().openDialog(null);
  ctx.store
    .getState()
    .notify(`Mock interview “${prompt.title}” started: ${Math.round(options.lengthMs / 60_000)} minutes on the clock`);
  return true;
}

/** Finishes the session (asking first while time is left) and scores it; the score card then shows. */
export async function finishInterview(ctx: CommandContext): Promise<void> {
  const interview = interviewFor(ctx.store);
  const { session, finishing } = interview.getState();
  if (!session || session.status !== 'active' || finishing) return;
  const left = session.lengthMs - interview.getState().elapsed();
  if (
    left > 60_000 &&
    !ask(`Finish now, with ${formatClock(left)} left? Your design is then scored and the clock stops.`)
  )
    return;
  const doc = ctx.store.getState().doc;
  const problems = problemsOf(doc).length;
  if (
    problems > 0 &&
    !ask(
      `The design has ${problems} problem${problems === 1 ? '' : 's'} (listed in the inspector), so the chaos drill cannot run it. Finish anyway, scored on the rubric alone?`,
    )
  )
    return;
  const card = await interview.getState().finish(doc, resolveSimulation(doc).seed);
  if (card) ctx.store.getState().notify(`Scored: ${card.score} / 100. The score card is on the right.`);
  else if (interview.getState().finishing?.error)
    ctx.store.getState().notify(`Scoring failed: ${interview.getState().finishing!.error}`, 'error');
}

/** Ends the session, asking first: abandoning one in progress, or closing its score card. */
export function endInterview(ctx: CommandContext): boolean {
  const interview = interviewFor(ctx.store);
  const session = interview.getState().session;
  if (!session) return false;
  const question =
    session.status === 'review'
      ? 'Close the score card? The session is then gone: export the score card first to keep it.'
      : `Abandon the mock interview “${session.prompt.title}”? Its clock, notes and replay are discarded; the design stays on the canvas.`;
  if (!ask(question)) return false;
  interview.getState().end();
  ctx.store.getState().notify(session.status === 'review' ? 'Score card closed' : 'Mock interview abandoned');
  return true;
}

/**
 * Deals one of the prompt's drill steps, as an interviewer would mid-session: resolves it against the design,
 * injects its faults into the live run at the current simulated time (starting a run of the current design when
 * none is showing it), and says the interviewer's line. Returns what was dealt, or null with a notice saying why not.
 */
export function dealDrill(ctx: CommandContext, sim: SimClient, stepIndex: number): Fault[] | null {
  const interview = interviewFor(ctx.store);
  const session = interview.getState().session;
  const step = session?.prompt.drill[stepIndex];
  const editor = ctx.store.getState();
  if (!session || session.status !== 'active' || !step) return null;
  const doc = editor.doc;
  const problems = problemsOf(doc);
  if (problems.length > 0) {
    editor.notify(
      `The design cannot run yet (${problems.length} problem${problems.length === 1 ? '' : 's'}, listed in the inspector): fix it, then deal the drill`,
      'error',
    );
    return null;
  }
  const snap = sim.getSnapshot();
  const settings = resolveSimulation(doc);
  const showing =
    sim.runDocument === doc && snap.status !== 'idle' && snap.status !== 'failed' && snap.status !== 'done';
  const atMs = showing ? Math.round(snap.seeking ? snap.seekTargetMs : snap.timeMs) : 0;
  const resolved = resolveDrill(doc, [step], { offsetMs: atMs - step.atS * 1000 });
  if (resolved.faults.length === 0) {
    editor.notify(
      `“${step.say}” — nothing in the design for it: ${resolved.skipped[0]?.reason ?? 'no target'}`,
      'error',
    );
    return null;
  }
  // Each fault gets an id of its own in the document (dealing a step twice must not clash).
  const used = usedIds(doc);
  // Faults dealt before may not be in the document yet (the run writes them back when it has taken them).
  for (const d of session.drills) for (const f of d.faults) used.add(f.fault.id);
  const faults = resolved.faults.map((f) => ({
    ...f,
    fault: { ...f.fault, id: freshId(`drill-${f.fault.kind}`, used) },
  }));
  if (!showing) sim.load(doc, settings.seed, settings.durationMs);
  for (const f of faults) sim.inject(f.fault);
  if (sim.getSnapshot().status !== 'playing') sim.play();
  interview.getState().addDrill({
    stepIndex,
    say: step.say,
    elapsedMs: interview.getState().elapsed(),
    simTimeMs: atMs,
    faults,
    skipped: resolved.skipped,
  });
  interview.getState().setDrillMenuOpen(false);
  editor.notify(
    `Interviewer: “${step.say}” In the run from ${Math.round(atMs / 1000)} s, for ${step.forS} s: watch the marked ${faults.length === 1 && faults[0]!.concerns.length === 1 ? 'node' : 'nodes'}.`,
  );
  return faults.map((f) => f.fault);
}
