import type { RubricResult } from '../../../shared/interview/index.js';
import { useInterview, useInterviewStore } from './useInterview.js';

const ICON = { pass: '✓', fail: '✕', notApplicable: '–' } as const;
const STATUS = { pass: 'passed', fail: 'failed', notApplicable: 'not applicable' } as const;

/**
 * Rubric results, each with what is right or wrong and why it matters; choosing one points at its nodes and edges
 * on the canvas (choosing it again stops).
 */
export function RubricList({ results, showWhy = true }: { results: readonly RubricResult[]; showWhy?: boolean }) {
  const interview = useInterviewStore();
  const highlight = useInterview((s) => s.highlight);
  return (
    <ul className="bp-iv-rubric" aria-label="Rubric">
      {results.map((r) => {
        const key = `rubric:${r.id}`;
        const on = highlight?.label === key;
        const points = r.nodes.length + r.edges.length;
        return (
          <li
            key={r.id}
            className={`bp-iv-rubric-item ${r.status}${on ? ' on' : ''}`}
            data-testid={`rubric-${r.id}`}
            data-status={r.status}
          >
            <button
              type="button"
              className="bp-iv-rubric-head"
              aria-pressed={on}
              title={points ? 'Show the nodes it concerns on the canvas' : undefined}
              onClick={() =>
                interview.getState().setHighlight(
                  on || points === 0
                    ? null
                    : {
                        nodes: r.nodes,
                        edges: r.edges,
                        tone: r.status === 'fail' ? 'fail' : r.status === 'pass' ? 'pass' : 'info',
                        label: key,
                      },
                )
              }
            >
              <span className="bp-iv-rubric-icon" aria-label={STATUS[r.status]}>
                {ICON[r.status]}
              </span>
              <span className="bp-iv-rubric-title">{r.title}</span>
              {points > 0 && <span className="bp-iv-rubric-points">{on ? 'shown' : `${points} on canvas`}</span>}
            </button>
            <p className="bp-iv-rubric-detail">{r.detail}</p>
            {showWhy && (
              <details className="bp-iv-why">
                <summary>Why it matters</summary>
                <p>{r.why}</p>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** "3 passed · 2 failed" over the results that apply. */
export function rubricTally(results: readonly RubricResult[]): string {
  const pass = results.filter((r) => r.status === 'pass').length;
  const fail = results.filter((r) => r.status === 'fail').length;
  return `${pass} passed · ${fail} failed`;
}
