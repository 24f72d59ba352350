import { useEffect, useRef } from 'react';
import { PHASES, phaseAt } from '../../../shared/interview/index.js';
import { MenuList } from '../shell/Menu.js';
import { runCommand } from '../store/commands.js';
import { describeShortcut } from '../store/keys.js';
import { useSimClient } from '../sim/useSimulation.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { drillStepTitle } from './drillSteps.js';
import { dealDrill } from './interviewActions.js';
import { formatClock, minutes } from './session.js';
import { useElapsed, useInterview, useInterviewStore } from './useInterview.js';

function PhaseBar({ elapsedMs, lengthMs }: { elapsedMs: number; lengthMs: number }) {
  const at = phaseAt(elapsedMs, lengthMs);
  return (
    <ol className="bp-iv-phases" aria-label="Phases">
      {PHASES.map((phase, i) => {
        const state = i < at.index ? 'done' : i === at.index ? 'current' : 'next';
        const fill =
          state === 'done'
            ? 1
            : state === 'current'
              ? (elapsedMs - at.startMs) / Math.max(1, at.endMs - at.startMs)
              : 0;
        return (
          <li
            key={phase.id}
            className={`bp-iv-phase ${state}`}
            style={{ flexGrow: phase.share }}
            aria-current={state === 'current' ? 'step' : undefined}
            title={phase.prompt}
            data-testid={`phase-${phase.id}`}
          >
            <span className="bp-iv-phase-fill" style={{ width: `${Math.min(1, fill) * 100}%` }} />
            <span className="bp-iv-phase-label">
              {phase.title} <span className="bp-iv-phase-min">{minutes(phase.share * lengthMs)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function DrillMenu() {
  const ctx = useCommandContext();
  const sim = useSimClient();
  const interview = useInterviewStore();
  const open = useInterview((s) => s.drillMenuOpen);
  const steps = useInterview((s) => s.session?.prompt.drill ?? []);
  const dealt = useInterview((s) => s.session?.drills.length ?? 0);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) interview.getState().setDrillMenuOpen(false);
    };
    globalThis.addEventListener('pointerdown', away, true);
    return () => globalThis.removeEventListener('pointerdown', away, true);
  }, [open, interview]);
  return (
    <div className="bp-iv-drill" ref={box}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Deal a drill${dealt > 0 ? ` (${dealt} dealt)` : ''}`}
        title={`What if…? Put the design under one of the prompt's faults, live (${describeShortcut('Alt+R')})`}
        onClick={() => interview.getState().setDrillMenuOpen(!open)}
      >
        ⚡ <span className="bp-iv-wide">Deal a drill</span>
        <span className="bp-iv-narrow">Drill</span>
        {dealt > 0 ? ` (${dealt})` : ''}
      </button>
      {open && (
        <div className="bp-dropdown bp-iv-drill-menu">
          <MenuList
            label="Deal a drill"
            onDone={() => interview.getState().setDrillMenuOpen(false)}
            items={steps.map((step, i) => ({
              label: `${drillStepTitle(step)} — “${step.say}”`,
              run: () => void dealDrill(ctx, sim, i),
            }))}
          />
        </div>
      )}
    </div>
  );
}

/** Announces each phase as it begins (a notice, and the line under the phases), and the end of the time. */
function usePhaseNudges(elapsedMs: number) {
  const { store } = useCommandContext();
  const interview = useInterviewStore();
  const session = useInterview((s) => s.session);
  useEffect(() => {
    if (!session || session.status !== 'active') return;
    const at = phaseAt(elapsedMs, session.lengthMs);
    const index = at.overtime ? PHASES.length : at.index;
    if (index <= session.phaseShown) return;
    interview.getState().markPhaseShown(index);
    // The first phase starts with the session, whose own notice says so.
    if (index === 0) return;
    store
      .getState()
      .notify(
        index === PHASES.length
          ? 'Time is up: wrap up and press Finish when you are ready'
          : `${at.phase.title} (${minutes(at.endMs - at.startMs)}): ${at.phase.prompt}`,
      );
  }, [elapsedMs, session, interview, store]);
}

function Finishing() {
  const finishing = useInterview((s) => s.finishing);
  const interview = useInterviewStore();
  if (!finishing) return null;
  const p = finishing.progress;
  const share = p && p.stage === 'drill' && p.durationMs > 0 ? p.simulatedMs / p.durationMs : null;
  const text = finishing.error
    ? `Scoring failed: ${finishing.error}`
    : !p || p.stage === 'rubric'
      ? 'Checking the design against the rubric…'
      : p.stage === 'drill'
        ? `Running the chaos drill${share !== null ? `: ${Math.round(p.simulatedMs / 1000)} of ${Math.round(p.durationMs / 1000)} simulated seconds` : '…'}`
        : 'Writing the score card…';
  return (
    <div
      className={`bp-iv-finishing${finishing.error ? ' error' : ''}`}
      role="status"
      data-testid="interview-finishing"
    >
      {!finishing.error && (
        <progress max={1} value={share ?? undefined} aria-label="Scoring progress" className="bp-iv-progress" />
      )}
      <span>{text}</span>
      <button type="button" onClick={() => interview.getState().cancelFinish()}>
        {finishing.error ? 'Back to the session' : 'Cancel'}
      </button>
    </div>
  );
}

/**
 * When the session is scored, the live run (with the drills dealt during it) gives way to the scored drill's
 * marks: what the canvas shows is then the design and where the drill broke it.
 */
function useResetRunOnFinish() {
  const sim = useSimClient();
  const ctx = useCommandContext();
  const status = useInterview((s) => s.session?.status ?? null);
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'active' && status === 'review' && sim.getSnapshot().status !== 'idle') sim.reset();
    // The strip and the column change the canvas's size: frame the design again in what is left.
    const t = previous.current !== status ? setTimeout(() => ctx.view?.fitView(), 80) : undefined;
    previous.current = status;
    return () => clearTimeout(t);
  }, [status, sim, ctx]);
}

/**
 * Above the canvas during a mock interview: the prompt, the clock, the phases with the current one's nudge, and
 * the interviewer's buttons (deal a drill, interviewer view, finish). After Finish it carries the score.
 */
export function SessionStrip() {
  const ctx = useCommandContext();
  const session = useInterview((s) => s.session);
  const finishing = useInterview((s) => s.finishing);
  const elapsedMs = useElapsed();
  const docName = useEditor((s) => s.doc.name);
  usePhaseNudges(elapsedMs);
  useResetRunOnFinish();
  if (!session) return null;
  const at = phaseAt(elapsedMs, session.lengthMs);
  const running = session.runningSince !== null;
  const review = session.status === 'review';
  return (
    <section
      className={`bp-iv-strip${review ? ' review' : ''}`}
      aria-label="Mock interview"
      data-testid="interview-strip"
    >
      <div className="bp-iv-strip-row">
        <span className="bp-iv-badge">{review ? 'Score card' : 'Interview'}</span>
        <strong className="bp-iv-title" title={`${session.prompt.title} (${session.prompt.difficulty}) — ${docName}`}>
          {session.prompt.title}
        </strong>
        <span className="bp-iv-spacer" />
        {review ? (
          <>
            <span className="bp-iv-clock" data-testid="interview-clock">
              Finished at {formatClock(session.card?.elapsedMs ?? elapsedMs)} of {minutes(session.lengthMs)}
            </span>
            <button type="button" onClick={() => runCommand(ctx, 'interview.start')}>
              New interview…
            </button>
            <button
              type="button"
              className="bp-icon-button"
              aria-label="Close the score card"
              title="Close the score card"
              onClick={() => runCommand(ctx, 'interview.end')}
            >
              ×
            </button>
          </>
        ) : (
          <>
            <span
              className={`bp-iv-clock${at.overtime ? ' overtime' : ''}${running ? '' : ' paused'}`}
              data-testid="interview-clock"
              title={`Elapsed ${formatClock(elapsedMs)} of ${minutes(session.lengthMs)}`}
              role="timer"
            >
              {at.overtime
                ? `+${formatClock(elapsedMs - session.lengthMs)} over`
                : `${formatClock(at.remainingMs)} left`}
              <span className="bp-iv-clock-sub">
                {running ? `${formatClock(at.remainingInPhaseMs)} in phase` : 'paused'}
              </span>
            </span>
            <button
              type="button"
              className="bp-icon-button"
              disabled={!!finishing}
              aria-label={running ? 'Pause the clock' : 'Resume the clock'}
              title={`${running ? 'Pause' : 'Resume'} the clock (${describeShortcut('Alt+P')})`}
              onClick={() => runCommand(ctx, 'interview.pause')}
            >
              {running ? '❚❚' : '▶'}
            </button>
            <DrillMenu />
            <button
              type="button"
              aria-pressed={session.interviewerView}
              className={session.interviewerView ? 'bp-iv-on' : ''}
              title={`Hide the hints and show the rubric live, for a partner at the same screen (${describeShortcut('Alt+I')})`}
              onClick={() => runCommand(ctx, 'interview.interviewerView')}
            >
              Interviewer<span className="bp-iv-wide"> view</span>
            </button>
            <button
              type="button"
              className="primary"
              disabled={!!finishing}
              onClick={() => runCommand(ctx, 'interview.finish')}
            >
              Finish
            </button>
            <button
              type="button"
              className="bp-icon-button"
              aria-label="Abandon the interview"
              title="Abandon the interview"
              onClick={() => runCommand(ctx, 'interview.end')}
            >
              ×
            </button>
          </>
        )}
      </div>
      {!review && <PhaseBar elapsedMs={elapsedMs} lengthMs={session.lengthMs} />}
      {!review && !finishing && (
        <p className="bp-iv-nudge" role="status" data-testid="interview-nudge">
          <strong>{at.overtime ? 'Over time' : at.phase.title}:</strong>{' '}
          {at.overtime ? 'wrap up and press Finish when you are ready.' : at.phase.prompt}
        </p>
      )}
      <Finishing />
    </section>
  );
}
