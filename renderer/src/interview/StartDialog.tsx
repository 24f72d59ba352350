import { useMemo, useRef, useState } from 'react';
import { DEFAULT_LENGTH_MS, RUBRIC, SESSION_LENGTHS_MS } from '../../../shared/interview/index.js';
import type { InterviewPrompt } from '../../../shared/interview/index.js';
import { Dialog } from '../shell/Dialog.js';
import { useCommandContext } from '../store/useEditor.js';
import { compact, ms, percent } from './format.js';
import { startInterview } from './interviewActions.js';
import { LIBRARY, searchPrompts, type PromptLibrary } from './prompts.js';
import { minutes } from './session.js';
import { useInterview } from './useInterview.js';

function Preview({ prompt }: { prompt: InterviewPrompt }) {
  const e = prompt.estimation;
  return (
    <div className="bp-iv-preview" data-testid="interview-preview">
      <h3>
        {prompt.title} <span className={`bp-iv-difficulty ${prompt.difficulty}`}>{prompt.difficulty}</span>
      </h3>
      <p>{prompt.summary}</p>
      <h4>It must</h4>
      <ul>
        {prompt.requirements.functional.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h4>And</h4>
      <ul>
        {prompt.requirements.nonFunctional.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p className="bp-muted">
        {compact(e.dailyActiveUsers)} daily users · {percent(prompt.targets.availability)} available · p99 under{' '}
        {ms(prompt.targets.p99Ms)}
        {prompt.regions > 1 ? ` · ${prompt.regions} regions or zones` : ''}
      </p>
      <p className="bp-muted">
        Scored on: {prompt.rubric.map((id) => RUBRIC[id]?.title ?? id).join(', ')}; then a chaos drill of{' '}
        {prompt.drill.length} fault{prompt.drill.length === 1 ? '' : 's'}.
      </p>
    </div>
  );
}

/** Pick a prompt and a length, and start a mock interview on a new document. */
export function StartDialog({ library = LIBRARY }: { library?: PromptLibrary }) {
  const ctx = useCommandContext();
  const close = () => ctx.store.getState().openDialog(null);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(library.prompts[0]?.prompt.id ?? null);
  const [lengthMs, setLengthMs] = useState(DEFAULT_LENGTH_MS);
  const [interviewerView, setInterviewerView] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => searchPrompts(library.prompts, query), [library, query]);
  const running = useInterview((s) => s.session?.prompt.title ?? null);
  const selected = shown.find((p) => p.prompt.id === chosen)?.prompt ?? shown[0]?.prompt ?? null;

  const start = () => {
    if (selected) startInterview(ctx, selected, { lengthMs, interviewerView });
  };
  const move = (delta: number) => {
    if (shown.length === 0) return;
    const i = Math.max(
      0,
      shown.findIndex((p) => p.prompt.id === selected?.id),
    );
    const next = shown[(i + delta + shown.length) % shown.length]!;
    setChosen(next.prompt.id);
    const item = list.current?.querySelector<HTMLElement>(`[data-prompt="${next.prompt.id}"]`);
    item?.scrollIntoView?.({ block: 'nearest' });
    // Arrows in the list move the focus with the choice; in the search box the focus stays there.
    if (list.current?.contains(globalThis.document.activeElement)) item?.focus();
  };
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter') start();
    else return;
    e.preventDefault();
  };

  return (
    <Dialog
      title="Mock interview"
      onClose={close}
      className="bp-iv-start"
      footer={
        <>
          <fieldset className="bp-iv-lengths">
            <legend>Length</legend>
            {SESSION_LENGTHS_MS.map((l) => (
              <label key={l}>
                <input type="radio" name="length" checked={lengthMs === l} onChange={() => setLengthMs(l)} />
                {minutes(l)}
              </label>
            ))}
          </fieldset>
          <label className="bp-iv-toggle" title="For two people at one screen: hints hidden, the rubric shown live">
            <input type="checkbox" checked={interviewerView} onChange={(e) => setInterviewerView(e.target.checked)} />
            Interviewer view
          </label>
          <span className="bp-iv-spacer" />
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!selected} onClick={start}>
            Start the interview
          </button>
        </>
      }
    >
      <p className="bp-muted bp-iv-intro">
        A prompt, a clock and five phases. Design on the canvas; when you finish, the design is checked against a rubric
        and run through a chaos drill.
      </p>
      {running && (
        <p className="bp-iv-warning" role="note">
          The mock interview “{running}” is still going: starting another one ends it.
        </p>
      )}
      <div className="bp-iv-picker">
        <div className="bp-iv-choices">
          <input
            type="search"
            className="bp-iv-search"
            placeholder="Search prompts…"
            aria-label="Search prompts"
            value={query}
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onListKey}
          />
          {shown.length === 0 ? (
            <p className="bp-muted bp-iv-empty">
              {library.prompts.length === 0 ? 'No prompts could be read.' : `No prompt matches “${query}”.`}
            </p>
          ) : (
            <ul
              className="bp-iv-prompts"
              role="listbox"
              aria-label="Prompts"
              ref={list}
              tabIndex={-1}
              onKeyDown={onListKey}
            >
              {shown.map(({ prompt, tags }) => (
                <li
                  key={prompt.id}
                  role="option"
                  aria-selected={prompt.id === selected?.id}
                  data-prompt={prompt.id}
                  tabIndex={prompt.id === selected?.id ? 0 : -1}
                  className={prompt.id === selected?.id ? 'selected' : ''}
                  onClick={() => setChosen(prompt.id)}
                  onDoubleClick={() => startInterview(ctx, prompt, { lengthMs, interviewerView })}
                >
                  <span className="bp-iv-prompt-title">
                    {prompt.title}
                    <span className={`bp-iv-difficulty ${prompt.difficulty}`}>{prompt.difficulty}</span>
                  </span>
                  <span className="bp-iv-prompt-summary">{prompt.summary}</span>
                  {tags.length > 0 && <span className="bp-iv-prompt-tags">{tags.join(' · ')}</span>}
                </li>
              ))}
            </ul>
          )}
          {library.broken.length > 0 && (
            <details className="bp-iv-broken">
              <summary>
                {library.broken.length} prompt file{library.broken.length === 1 ? '' : 's'} could not be read
              </summary>
              <ul>
                {library.broken.map((b) => (
                  <li key={b.file}>
                    <code>{b.file}</code>: {b.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        {selected ? <Preview prompt={selected} /> : <div className="bp-iv-preview bp-muted">Pick a prompt.</div>}
      </div>
    </Dialog>
  );
}
