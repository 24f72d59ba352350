import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { checkRubric } from '../../../shared/interview/index.js';
import type { InterviewPrompt } from '../../../shared/interview/index.js';
import { useEditor } from '../store/useEditor.js';
import { EstimatePanel } from './EstimatePanel.js';
import { compact, ms, percent } from './format.js';
import { RubricList, rubricTally } from './RubricList.js';
import { ScoreCardView } from './ScoreCardView.js';
import { useInterview, useInterviewStore } from './useInterview.js';

type Tab = 'prompt' | 'estimate' | 'notes' | 'hints' | 'rubric';

function PromptTab({ prompt }: { prompt: InterviewPrompt }) {
  const e = prompt.estimation;
  return (
    <div className="bp-iv-prompt">
      <p>{prompt.summary}</p>
      <h4>Functional requirements</h4>
      <ul>
        {prompt.requirements.functional.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h4>Non-functional requirements</h4>
      <ul>
        {prompt.requirements.nonFunctional.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h4>Scale</h4>
      <dl className="bp-iv-scale">
        <dt>Daily active users</dt>
        <dd>{compact(e.dailyActiveUsers)}</dd>
        <dt>Requests per user per day</dt>
        <dd>{compact(e.requestsPerUserPerDay)}</dd>
        <dt>Reads per write</dt>
        <dd>{compact(e.readWriteRatio)}</dd>
        <dt>Peak over average</dt>
        <dd>{e.peakToAverage}×</dd>
        <dt>Targets</dt>
        <dd>
          {percent(prompt.targets.availability)} available, p99 under {ms(prompt.targets.p99Ms)}
        </dd>
        {prompt.regions > 1 && (
          <>
            <dt>Regions or zones</dt>
            <dd>at least {prompt.regions}</dd>
          </>
        )}
        {prompt.failoverSeconds !== undefined && (
          <>
            <dt>Failover within</dt>
            <dd>{prompt.failoverSeconds} s</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function NotesTab() {
  const interview = useInterviewStore();
  const notes = useInterview((s) => s.session?.notes ?? '');
  return (
    <div className="bp-iv-notes">
      <textarea
        aria-label="Notes"
        placeholder="Assumptions, numbers, trade-offs, what you would do next… Kept with the session and shown on the score card."
        value={notes}
        onChange={(e) => interview.getState().setNotes(e.target.value)}
        spellCheck
      />
    </div>
  );
}

function HintsTab({
  hints,
  shown,
  setShown,
}: {
  hints: readonly string[];
  shown: number;
  setShown: (n: number) => void;
}) {
  return (
    <div className="bp-iv-hints">
      {shown === 0 ? (
        <p className="bp-muted">Stuck? Hints come one at a time, from gentle to direct.</p>
      ) : (
        <ol>
          {hints.slice(0, shown).map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ol>
      )}
      {shown < hints.length && (
        <button type="button" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'Show a hint' : 'Another hint'} ({hints.length - shown} left)
        </button>
      )}
    </div>
  );
}

/** The rubric against the design as it is now, for the interviewer: it updates as the candidate edits. */
function LiveRubric({ prompt }: { prompt: InterviewPrompt }) {
  const doc = useDeferredValue(useEditor((s) => s.doc));
  const results = useMemo(() => {
    try {
      return checkRubric(doc, prompt).filter((r) => r.status !== 'notApplicable');
    } catch {
      return null;
    }
  }, [doc, prompt]);
  if (!results) return <p className="bp-iv-error">The rubric cannot check this design yet.</p>;
  return (
    <div className="bp-iv-live-rubric" data-testid="live-rubric">
      <p className="bp-muted">Live against the design: {rubricTally(results)}. Choose an item to point at its nodes.</p>
      <RubricList results={results} />
    </div>
  );
}

const TAB_TITLES: Record<Tab, string> = {
  prompt: 'Prompt',
  estimate: 'Estimate',
  notes: 'Notes',
  hints: 'Hints',
  rubric: 'Rubric',
};

/**
 * Beside the canvas during a mock interview: the prompt, the back-of-envelope helper, the notes, and the hints
 * (for the candidate) or the live rubric (in interviewer view); after Finish, the score card.
 */
export function SessionPanel() {
  const session = useInterview((s) => s.session);
  const [tab, setTab] = useState<Tab>('prompt');
  const [collapsed, setCollapsed] = useState(false);
  // Hints taken stay taken while the candidate moves between tabs.
  const [hints, setHints] = useState({ session: '', shown: 0 });
  const tabs = useRef<HTMLDivElement>(null);
  // Turning interviewer view on is asking for the rubric: show it.
  const interviewerView = session?.interviewerView ?? false;
  useEffect(() => {
    if (interviewerView) setTab('rubric');
  }, [interviewerView]);
  if (!session) return null;
  if (session.status === 'review' && session.card)
    return (
      <aside className="bp-session review" aria-label="Score card">
        <ScoreCardView session={session} card={session.card} />
      </aside>
    );
  const available: Tab[] = ['prompt', 'estimate', 'notes', session.interviewerView ? 'rubric' : 'hints'];
  const current: Tab = available.includes(tab) ? tab : tab === 'hints' ? 'rubric' : 'hints';
  const onKey = (e: React.KeyboardEvent) => {
    const i = available.indexOf(current);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % available.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + available.length) % available.length
          : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(available[next]!);
    tabs.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <aside
      className={`bp-session${collapsed ? ' collapsed' : ''}`}
      aria-label="Interview session"
      data-testid="session-panel"
    >
      <div className="bp-iv-tabs" role="tablist" aria-label="Session" ref={tabs} onKeyDown={onKey}>
        {available.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`bp-iv-tab-${t}`}
            aria-selected={t === current}
            aria-controls="bp-iv-tabpanel"
            tabIndex={t === current ? 0 : -1}
            className={t === current ? 'selected' : ''}
            onClick={() => {
              setTab(t);
              setCollapsed(false);
            }}
          >
            {TAB_TITLES[t]}
            {t === 'notes' && session.notes.trim() && <span className="bp-iv-dot" aria-label="has notes" />}
          </button>
        ))}
        <button
          type="button"
          className="bp-icon-button bp-iv-collapse"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the session panel' : 'Hide the session panel'}
          title={collapsed ? 'Show the session panel' : 'Hide the session panel (the inspector gets the room)'}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '▾' : '▴'}
        </button>
      </div>
      {!collapsed && (
        <div className="bp-iv-tabpanel" role="tabpanel" id="bp-iv-tabpanel" aria-labelledby={`bp-iv-tab-${current}`}>
          {current === 'prompt' && <PromptTab prompt={session.prompt} />}
          {current === 'estimate' && <EstimatePanel />}
          {current === 'notes' && <NotesTab />}
          {current === 'hints' && (
            <HintsTab
              hints={session.prompt.hints}
              shown={hints.session === session.id ? hints.shown : 0}
              setShown={(shown) => setHints({ session: session.id, shown })}
            />
          )}
          {current === 'rubric' && <LiveRubric prompt={session.prompt} />}
        </div>
      )}
    </aside>
  );
}
