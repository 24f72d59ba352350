import type { DrillResult, ScoreCard } from '../../../shared/interview/index.js';
import { downloadText } from '../files/download.js';
import { useCommandContext } from '../store/useEditor.js';
import { DrillTimeline } from './DrillTimeline.js';
import { exportFileName, type ExportFormat } from './exportCard.js';
import { ms, percent } from './format.js';
import { Replay } from './Replay.js';
import { RubricList, rubricTally } from './RubricList.js';
import { formatClock, minutes, type InterviewSession } from './session.js';
import { useInterview, useInterviewStore } from './useInterview.js';

/** Summary sentences shown before "more": the verdict; the rubric and drill sections below carry the detail. */
const SUMMARY_LINES = 3;

/** The drill's faults by the step that dealt them (a region crash is one fault per node, said once). */
function stepsOf(drill: DrillResult) {
  const steps = new Map<
    string,
    { key: string; atMs: number; say: string; descriptions: string[]; concerns: string[] }
  >();
  for (const f of drill.faults) {
    const key = `${f.step.kind}@${f.step.atS}`;
    const step = steps.get(key) ?? { key, atMs: f.fault.atMs, say: f.step.say, descriptions: [], concerns: [] };
    if (!step.descriptions.includes(f.description)) step.descriptions.push(f.description);
    for (const id of f.concerns) if (!step.concerns.includes(id)) step.concerns.push(id);
    step.atMs = Math.min(step.atMs, f.fault.atMs);
    steps.set(key, step);
  }
  return [...steps.values()];
}

function DrillSection({ drill, targets }: { drill: DrillResult; targets: { availability: number; p99Ms: number } }) {
  const interview = useInterviewStore();
  const highlight = useInterview((s) => s.highlight);
  const point = (label: string, nodes: string[]) =>
    interview.getState().setHighlight(highlight?.label === label ? null : { nodes, edges: [], tone: 'fail', label });
  return (
    <div className="bp-iv-drill-result" data-testid="drill-result">
      <div className="bp-iv-metrics">
        <div className={`bp-iv-metric ${drill.meetsAvailability ? 'pass' : 'fail'}`}>
          <span className="bp-iv-metric-label">Availability</span>
          <strong>{percent(drill.availability)}</strong>
          <span className="bp-muted">target {percent(targets.availability)}</span>
        </div>
        <div className={`bp-iv-metric ${drill.meetsP99 ? 'pass' : 'fail'}`}>
          <span className="bp-iv-metric-label">p99 latency</span>
          <strong>{ms(drill.p99Ms)}</strong>
          <span className="bp-muted">target {ms(targets.p99Ms)}</span>
        </div>
        <div className="bp-iv-metric">
          <span className="bp-iv-metric-label">Drill score</span>
          <strong>{Math.round(drill.score)}</strong>
          <span className="bp-muted">of 100</span>
        </div>
      </div>
      <p className="bp-muted">
        {Math.round(drill.durationMs / 1000)} simulated seconds at {Math.round(drill.offeredRps)} req/s, seed{' '}
        {drill.seed}
        {drill.loadScale < 1 ? ` — a 1:${Math.round(1 / drill.loadScale)} scale model of the prompt's peak` : ''}.
      </p>
      <DrillTimeline drill={drill} />
      <h4>What the interviewer did</h4>
      {drill.faults.length === 0 ? (
        <p className="bp-muted">No fault could be dealt to this design.</p>
      ) : (
        <ul className="bp-iv-list">
          {stepsOf(drill).map((step) => (
            <li key={step.key}>
              <button type="button" className="bp-iv-link" onClick={() => point(`fault:${step.key}`, step.concerns)}>
                {Math.round(step.atMs / 1000)} s
              </button>{' '}
              <em>“{step.say}”</em> {step.descriptions.join(' ')}
            </li>
          ))}
        </ul>
      )}
      {drill.skipped.length > 0 && (
        <ul className="bp-iv-list bp-muted">
          {drill.skipped.map((s, i) => (
            <li key={i}>
              Skipped “{s.step.say}”: {s.reason}
            </li>
          ))}
        </ul>
      )}
      <h4>Where it broke</h4>
      {drill.brokenNodes.length === 0 ? (
        <p>Nothing broke: every node kept answering through the drill.</p>
      ) : (
        <ul className="bp-iv-list" data-testid="broken-nodes">
          {drill.brokenNodes.map((b) => (
            <li key={b.nodeId}>
              <button type="button" className="bp-iv-link" onClick={() => point(`broken:${b.nodeId}`, [b.nodeId])}>
                {b.label}
              </button>{' '}
              {b.why}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportButtons({ card }: { card: ScoreCard }) {
  const { store } = useCommandContext();
  const interview = useInterviewStore();
  const exporting = useInterview((s) => s.exporting);
  const run = async (format: ExportFormat) => {
    const frames = interview.getState().frames;
    const doc = frames.at(-1)?.doc ?? store.getState().doc;
    try {
      const text = await interview.getState().exportCard(doc, format);
      downloadText(exportFileName(card, format), text, format === 'html' ? 'text/html' : 'text/markdown');
      store.getState().notify(`Exported “${exportFileName(card, format)}”`);
    } catch (e) {
      store.getState().notify(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  const p = exporting?.progress;
  return (
    <div className="bp-iv-export">
      <button type="button" disabled={!!exporting} onClick={() => void run('html')}>
        Export HTML report
      </button>
      <button type="button" disabled={!!exporting} onClick={() => void run('markdown')}>
        Export Markdown
      </button>
      {exporting && (
        <span className="bp-muted" role="status">
          Building the report
          {p && p.durationMs > 0
            ? `: ${Math.round(p.simulatedMs / 1000)} of ${Math.round(p.durationMs / 1000)} s`
            : '…'}
        </span>
      )}
    </div>
  );
}

/**
 * The review of a finished session: the score, what went right and wrong, every rubric item (a click points at
 * its nodes), the chaos drill's results, the notes, the replay of the design, and the export.
 */
export function ScoreCardView({ session, card }: { session: InterviewSession; card: ScoreCard }) {
  const frames = useInterview((s) => s.frames);
  const applicable = card.rubric.filter((r) => r.status !== 'notApplicable');
  const notApplicable = card.rubric.filter((r) => r.status === 'notApplicable');
  const tone = card.score >= 75 ? 'pass' : card.score >= 50 ? 'warn' : 'fail';
  return (
    <div className="bp-iv-card" data-testid="score-card">
      <header className="bp-iv-card-head">
        <div className={`bp-iv-score ${tone}`} aria-label={`Score ${card.score} of 100`}>
          <strong data-testid="score">{Math.round(card.score)}</strong>
          <span>/ 100</span>
        </div>
        <div>
          <h2>{card.title}</h2>
          <p className="bp-muted">
            {formatClock(card.elapsedMs)} of {minutes(card.lengthMs)} · {rubricTally(applicable)}
            {card.drill ? ` · drill ${Math.round(card.drill.score)}/100` : ''}
          </p>
        </div>
      </header>
      {card.summary.length > 0 && (
        <ul className="bp-iv-summary">
          {card.summary.slice(0, SUMMARY_LINES).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {card.summary.length > SUMMARY_LINES && (
        <details className="bp-iv-more">
          <summary>The whole summary ({card.summary.length - SUMMARY_LINES} more)</summary>
          <ul className="bp-iv-summary">
            {card.summary.slice(SUMMARY_LINES).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </details>
      )}
      <section aria-labelledby="bp-iv-card-rubric">
        <h3 id="bp-iv-card-rubric">Rubric</h3>
        <RubricList results={applicable} />
        {notApplicable.length > 0 && (
          <details className="bp-iv-na">
            <summary>{notApplicable.length} not asked by this prompt</summary>
            <RubricList results={notApplicable} showWhy={false} />
          </details>
        )}
      </section>
      <section aria-labelledby="bp-iv-card-drill">
        <h3 id="bp-iv-card-drill">Chaos drill</h3>
        {card.drill ? (
          <DrillSection drill={card.drill} targets={session.prompt.targets} />
        ) : (
          <p className="bp-muted">
            The drill did not run: the design had problems the simulation cannot run with (the inspector lists them).
          </p>
        )}
      </section>
      <section aria-labelledby="bp-iv-card-notes">
        <h3 id="bp-iv-card-notes">Notes</h3>
        {card.notes.trim() ? (
          <p className="bp-iv-notes-text">{card.notes}</p>
        ) : (
          <p className="bp-muted">No notes were taken.</p>
        )}
      </section>
      <section aria-labelledby="bp-iv-card-replay">
        <h3 id="bp-iv-card-replay">Replay</h3>
        <Replay frames={frames} />
      </section>
      <section aria-labelledby="bp-iv-card-export">
        <h3 id="bp-iv-card-export">Export</h3>
        <ExportButtons card={card} />
      </section>
    </div>
  );
}
