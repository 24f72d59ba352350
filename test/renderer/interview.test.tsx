import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PHASES,
  parsePrompt,
  scoreCardSection,
  type InterviewPrompt,
  type ScoreCard,
} from '../../shared/interview/index.js';
import type { Fault } from '../../shared/model/types.js';
import { marksCss } from '../../renderer/src/interview/canvasMarks.js';
import {
  workerRunner,
  type DrillRunner,
  type DrillWorkerLike,
  type FromDrillWorker,
  type ScoreRequest,
  type ToDrillWorker,
} from '../../renderer/src/interview/drillRunner.js';
import { InterviewDialog, InterviewPanel, InterviewStrip } from '../../renderer/src/interview/InterviewMounts.js';
import {
  attachInterview,
  createInterviewStore,
  type InterviewStore,
} from '../../renderer/src/interview/interviewStore.js';
import { dealDrill, finishInterview, startInterview } from '../../renderer/src/interview/interviewActions.js';
import { exportFileName, exportScoreCard, type ExportRequest } from '../../renderer/src/interview/exportCard.js';
import { SESSION_KEY, browserPersistence, memoryPersistence } from '../../renderer/src/interview/persistence.js';
import { buildLibrary, searchPrompts } from '../../renderer/src/interview/prompts.js';
import { scoreSession } from '../../renderer/src/interview/scoreSession.js';
import { elapsedOf, formatClock } from '../../renderer/src/interview/session.js';
import { StartDialog } from '../../renderer/src/interview/StartDialog.js';
import { NoticeBar } from '../../renderer/src/shell/NoticeBar.js';
import type { SimClient, SimSnapshot } from '../../renderer/src/sim/simClient.js';
import { SimContext } from '../../renderer/src/sim/useSimulation.js';
import { COMMANDS, insertNode, runCommand, type CommandContext } from '../../renderer/src/store/commands.js';
import { connect } from '../../renderer/src/store/docOps.js';
import { createEditorStore } from '../../renderer/src/store/editorStore.js';
import { EditorContext } from '../../renderer/src/store/useEditor.js';

const MIN = 60_000;

const PROMPT_JSON = {
  id: 'url-shortener',
  title: 'URL shortener',
  summary: 'Short links that redirect, at read-heavy scale.',
  difficulty: 'easy',
  requirements: {
    functional: ['Create a short link for a long URL', 'Redirect a short link to its URL'],
    nonFunctional: ['Redirects in under 100 ms at p99', '99.9% available'],
  },
  estimation: {
    dailyActiveUsers: 10_000_000,
    requestsPerUserPerDay: 10,
    readWriteRatio: 100,
    requestBytes: 500,
    responseBytes: 500,
    storedBytesPerWrite: 500,
    retentionYears: 5,
    peakToAverage: 3,
  },
  hints: ['Reads outnumber writes a hundred to one: where do the reads stop?', 'Put a cache in front of the database.'],
  rubric: ['noSinglePointOfFailure', 'timeouts', 'capacityHeadroom', 'cacheForHotReads'],
  regions: 1,
  targets: { availability: 0.999, p99Ms: 100 },
  drill: [
    { kind: 'crashNode', target: 'database', atS: 10, forS: 10, say: 'What if the database goes down?' },
    { kind: 'surge', factor: 3, atS: 30, forS: 10, say: 'A link goes viral: three times the traffic.' },
  ],
};

const prompt: InterviewPrompt = parsePrompt(PROMPT_JSON, 'url-shortener.json');

const library = buildLibrary(
  new Map<string, unknown>([
    [
      'index.json',
      [
        {
          file: 'url-shortener.json',
          id: 'url-shortener',
          title: 'URL shortener',
          summary: 'Short links',
          difficulty: 'easy',
          tags: ['cache'],
        },
        { file: 'missing.json', id: 'missing', title: 'Missing', summary: 'Not there', difficulty: 'hard', tags: [] },
      ],
    ],
    ['url-shortener.json', PROMPT_JSON],
    ['chat.json', { ...PROMPT_JSON, id: 'chat', title: 'Chat with WebSockets', difficulty: 'medium' }],
    ['broken.json', { ...PROMPT_JSON, id: 'Bad Id' }],
  ]),
);

/** A simulation client that records what the interview asks of it. */
function fakeSim(initial: Partial<SimSnapshot> = {}) {
  let snapshot = { status: 'idle', timeMs: 0, seeking: false, seekTargetMs: 0, ...initial } as SimSnapshot;
  const listeners = new Set<() => void>();
  const sim = {
    runDocument: null as unknown,
    injected: [] as Fault[],
    loads: 0,
    getSnapshot: () => snapshot,
    subscribeSnapshot: (fn: () => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    load(doc: unknown) {
      sim.loads++;
      sim.runDocument = doc;
      snapshot = { ...snapshot, status: 'paused', timeMs: 0 };
    },
    inject(fault: Fault) {
      sim.injected.push(fault);
    },
    play() {
      snapshot = { ...snapshot, status: 'playing' };
      listeners.forEach((l) => l());
    },
    resets: 0,
    reset() {
      sim.resets++;
      snapshot = { ...snapshot, status: 'idle', timeMs: 0 };
    },
    set(partial: Partial<SimSnapshot>) {
      snapshot = { ...snapshot, ...partial };
      listeners.forEach((l) => l());
    },
  };
  return sim;
}

/** Scores in this thread, as the worker does. */
const inProcessRunner: DrillRunner = {
  score: (request, onProgress) => ({
    result: Promise.resolve().then(() => scoreSession(request, onProgress)),
    cancel() {},
  }),
  exportCard: () => ({ result: Promise.resolve(''), cancel() {} }),
};

interface Harness {
  ctx: CommandContext;
  interview: InterviewStore;
  persistence: ReturnType<typeof memoryPersistence>;
  sim: ReturnType<typeof fakeSim>;
  clock: { t: number };
  rerender(): void;
}

function setup(
  options: { persistence?: ReturnType<typeof memoryPersistence>; sim?: ReturnType<typeof fakeSim> } = {},
): Harness {
  const store = createEditorStore();
  const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
  const clock = { t: 1_000_000 };
  const persistence = options.persistence ?? memoryPersistence();
  const interview = attachInterview(
    store,
    createInterviewStore({ now: () => clock.t, persistence, runner: inProcessRunner }),
  );
  const sim = options.sim ?? fakeSim();
  const tree = () => (
    <EditorContext.Provider value={ctx}>
      <SimContext.Provider value={sim as unknown as SimClient}>
        <InterviewStrip />
        <InterviewPanel />
        <InterviewDialog />
        <NoticeBar />
      </SimContext.Provider>
    </EditorContext.Provider>
  );
  const result = render(tree());
  return { ctx, interview, persistence, sim, clock, rerender: () => result.rerender(tree()) };
}

/** Moves the session clock on and lets the strip's ticker notice. */
function advance(h: Harness, ms: number) {
  act(() => {
    h.clock.t += ms;
    vi.advanceTimersByTime(300);
  });
}

const start = (h: Harness, options = { lengthMs: 45 * MIN, interviewerView: false }) =>
  act(() => void startInterview(h.ctx, prompt, options));

const currentPhase = () => screen.getByRole('list', { name: 'Phases' }).querySelector('[aria-current="step"]');

beforeEach(() => {
  // jsdom has <dialog> without showModal: open it as the browser would.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  vi.useFakeTimers();
  vi.spyOn(window, 'confirm').mockReturnValue(true);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('session clock and phases', () => {
  it('walks through the five phases of a 45-minute session, nudging once as each begins', () => {
    const h = setup();
    start(h);
    expect(h.ctx.store.getState().doc.name).toBe('Mock interview: URL shortener');
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^45:00 left/);
    expect(currentPhase()?.textContent).toMatch(/^Requirements/);
    expect(screen.getByTestId('interview-nudge').textContent).toContain(PHASES[0]!.prompt);

    advance(h, 5 * MIN - 1000);
    expect(currentPhase()?.textContent).toMatch(/^Requirements/);
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^40:01 left/);
    advance(h, 1000);
    expect(currentPhase()?.textContent).toMatch(/^Estimation/);
    expect(screen.getByTestId('notice').textContent).toContain(`Estimation (5 min): ${PHASES[1]!.prompt}`);
    expect(h.interview.getState().session!.phaseShown).toBe(1);

    // The nudge is shown once: dismissing it and ticking on does not bring it back.
    act(() => h.ctx.store.getState().dismissNotice());
    advance(h, 1000);
    expect(screen.queryByTestId('notice')).toBeNull();

    advance(h, 5 * MIN);
    expect(currentPhase()?.textContent).toMatch(/^High-level design/);
    advance(h, 15 * MIN);
    expect(currentPhase()?.textContent).toMatch(/^Deep dive/);
    advance(h, 15 * MIN);
    expect(currentPhase()?.textContent).toMatch(/^Wrap-up/);
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^4:59 left/);
    advance(h, 5 * MIN);
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^\+0:0\d over/);
    expect(screen.getByTestId('notice').textContent).toMatch(/Time is up/);
  });

  it('scales the phases to the length chosen, and pausing stops the clock', () => {
    const h = setup();
    start(h, { lengthMs: 30 * MIN, interviewerView: false });
    const labels = [...screen.getByRole('list', { name: 'Phases' }).querySelectorAll('li')].map((li) => li.textContent);
    expect(labels).toEqual([
      'Requirements 3 min',
      'Estimation 3 min',
      'High-level design 10 min',
      'Deep dive 10 min',
      'Wrap-up 3 min',
    ]);
    advance(h, 2 * MIN);
    fireEvent.click(screen.getByRole('button', { name: 'Pause the clock' }));
    advance(h, 10 * MIN);
    expect(h.interview.getState().elapsed()).toBe(2 * MIN);
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^28:00 leftpaused/);
    act(() => void runCommand(h.ctx, 'interview.pause'));
    advance(h, 1 * MIN);
    expect(h.interview.getState().elapsed()).toBe(3 * MIN);
  });

  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(45 * MIN)).toBe('45:00');
    expect(formatClock(61 * MIN + 5000)).toBe('1:01:05');
    expect(elapsedOf({ accumulatedMs: 1000, runningSince: null }, 99_999)).toBe(1000);
    expect(elapsedOf({ accumulatedMs: 1000, runningSince: 5000 }, 8000)).toBe(4000);
  });
});

describe('notes, estimation and persistence', () => {
  it('keeps the notes with the session, and a reload finds them, the clock and the replay', async () => {
    const h = setup();
    start(h);
    fireEvent.click(screen.getByRole('tab', { name: /^Notes/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), {
      target: { value: '100:1 reads. Cache hot links.' },
    });
    expect(h.persistence.session?.notes).toBe('100:1 reads. Cache hot links.');
    advance(h, 3 * MIN);
    act(() => void insertNode(h.ctx, 'service', { x: 0, y: 0 }));
    await act(() => Promise.resolve());
    expect(h.persistence.frames.map((f) => f.label)).toEqual(['Start', 'Add service']);
    cleanup();

    // A reload: a new store over the same storage, later on the wall clock.
    const again = setup({ persistence: h.persistence });
    again.clock.t = h.clock.t + 30_000;
    await act(() => Promise.resolve());
    expect(again.interview.getState().session?.notes).toBe('100:1 reads. Cache hot links.');
    expect(again.interview.getState().elapsed()).toBe(3 * MIN + 30_000);
    expect(again.interview.getState().frames).toHaveLength(2);
    fireEvent.click(screen.getByRole('tab', { name: /^Notes/ }));
    expect((screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement).value).toBe(
      '100:1 reads. Cache hot links.',
    );
  });

  it('stores the session in localStorage, and ignores what is not a session', () => {
    const storage = browserPersistence();
    expect(storage.loadSession()).toBeNull();
    const h = setup({ persistence: storage as ReturnType<typeof memoryPersistence> });
    start(h);
    act(() => h.interview.getState().setNotes('kept'));
    expect(JSON.parse(localStorage.getItem(SESSION_KEY)!).notes).toBe('kept');
    expect(storage.loadSession()?.notes).toBe('kept');
    localStorage.setItem(SESSION_KEY, '{"id": 3}');
    expect(storage.loadSession()).toBeNull();
    localStorage.setItem(SESSION_KEY, 'not json');
    expect(storage.loadSession()).toBeNull();
    act(() => h.interview.getState().end());
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('merges edits close together into one replay frame', () => {
    const h = setup();
    start(h);
    advance(h, 10_000);
    act(() => void insertNode(h.ctx, 'client', { x: 0, y: 0 }));
    advance(h, 500);
    act(() => void insertNode(h.ctx, 'service', { x: 300, y: 0 }));
    advance(h, 10_000);
    act(() => void insertNode(h.ctx, 'database', { x: 600, y: 0 }));
    const frames = h.interview.getState().frames;
    expect(frames.map((f) => [f.label, f.elapsedMs, f.doc.nodes.length])).toEqual([
      ['Start', 0, 0],
      ['Add service', 10_500, 2],
      ['Add database', 20_500, 3],
    ]);
  });

  it('prefills the back-of-envelope helper from the prompt and checks the design against the peak', () => {
    const h = setup();
    start(h);
    fireEvent.click(screen.getByRole('tab', { name: 'Estimate' }));
    const users = screen.getByRole('spinbutton', { name: 'Daily active users' }) as HTMLInputElement;
    expect(users.value).toBe('10000000');
    expect(screen.getByTestId('estimate-figures').textContent).toContain('Peak');
    expect(screen.getByTestId('capacity-empty')).toBeTruthy();

    act(() => {
      const c = insertNode(h.ctx, 'client', { x: 0, y: 0 });
      const s = insertNode(h.ctx, 'service', { x: 300, y: 0 });
      h.ctx.store.getState().edit('Connect', (d) => void connect(d, c, s));
    });
    const check = screen.getByTestId('capacity-check');
    expect(check.textContent).toMatch(/headroom/);
    expect(check.textContent).toMatch(/short by/);
    // The bottleneck is a button that selects it on the canvas.
    fireEvent.click(within(check).getAllByRole('button', { name: 'Service 1' })[0]!);
    expect(h.ctx.store.getState().selection.nodes).toEqual(['service-1']);

    fireEvent.change(users, { target: { value: '1000' } });
    expect(h.interview.getState().session!.estimation.dailyActiveUsers).toBe(1000);
    expect(screen.getByTestId('capacity-check').textContent).not.toMatch(/short by/);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the prompt’s figures' }));
    expect(h.interview.getState().session!.estimation.dailyActiveUsers).toBe(10_000_000);
  });
});

describe('interviewer view', () => {
  it('hides the hints and shows the rubric live as the design changes', () => {
    const h = setup();
    start(h);
    fireEvent.click(screen.getByRole('tab', { name: 'Hints' }));
    fireEvent.click(screen.getByRole('button', { name: /Show a hint/ }));
    expect(screen.getByText(PROMPT_JSON.hints[0]!)).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Rubric' })).toBeNull();

    act(() => void runCommand(h.ctx, 'interview.interviewerView'));
    expect(screen.queryByRole('tab', { name: 'Hints' })).toBeNull();
    expect(screen.queryByText(PROMPT_JSON.hints[0]!)).toBeNull();
    expect(screen.getByRole('tab', { name: 'Rubric' }).getAttribute('aria-selected')).toBe('true');
    const status = () => screen.getByTestId('rubric-timeouts').dataset.status;
    expect(status()).toBe('fail');

    act(() => {
      const c = insertNode(h.ctx, 'client', { x: 0, y: 0 });
      const s = insertNode(h.ctx, 'service', { x: 300, y: 0 });
      h.ctx.store.getState().edit('Connect', (d) => void connect(d, c, s));
      h.ctx.store.getState().edit('Timeout', (d) => {
        const client = d.nodes.find((n) => n.id === c)!;
        if (client.kind === 'client') client.params.timeoutMs = 200;
      });
    });
    expect(status()).toBe('pass');
    // Only the items the prompt asks for are listed.
    expect(screen.queryByTestId('rubric-dnsTtl')).toBeNull();

    act(() => void runCommand(h.ctx, 'interview.interviewerView'));
    expect(screen.getByRole('tab', { name: 'Hints' })).toBeTruthy();
  });

  it('can start in interviewer view from the picker', () => {
    const h = setup();
    render(
      <EditorContext.Provider value={h.ctx}>
        <StartDialog library={library} />
      </EditorContext.Provider>,
    );
    fireEvent.click(screen.getByLabelText('Interviewer view'));
    fireEvent.click(screen.getByLabelText('60 min'));
    fireEvent.click(screen.getByRole('button', { name: 'Start the interview' }));
    const session = h.interview.getState().session;
    expect(session?.interviewerView).toBe(true);
    expect(session?.lengthMs).toBe(60 * MIN);
    expect(screen.queryByRole('tab', { name: 'Hints' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Rubric' })).toBeTruthy();
  });
});

describe('prompt picker', () => {
  it('lists catalogued prompts first, then unlisted ones, and says which files cannot be read and why', () => {
    expect(library.prompts.map((p) => p.prompt.id)).toEqual(['url-shortener', 'chat']);
    expect(library.prompts[0]!.tags).toEqual(['cache']);
    expect(library.broken.map((b) => b.file)).toEqual(['missing.json', 'broken.json']);
    expect(library.broken[1]!.message).toMatch(/^id: must be 1-64 characters/);
    expect(searchPrompts(library.prompts, 'web sock').map((p) => p.prompt.id)).toEqual(['chat']);
    expect(searchPrompts(library.prompts, 'easy cache').map((p) => p.prompt.id)).toEqual(['url-shortener']);
  });

  it('searches, picks with the keyboard and starts on a new document, asking about unsaved work first', () => {
    const h = setup();
    act(() => void insertNode(h.ctx, 'service', { x: 0, y: 0 }));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    act(() => h.ctx.store.getState().openDialog('interview'));
    cleanup();
    const store = h.ctx.store;
    render(
      <EditorContext.Provider value={h.ctx}>
        <StartDialog library={library} />
      </EditorContext.Provider>,
    );
    expect(screen.getByLabelText('45 min')).toHaveProperty('checked', true);
    const search = screen.getByRole('searchbox', { name: 'Search prompts' });
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    expect(screen.getByText('No prompt matches “nothing like it”.')).toBeTruthy();
    fireEvent.change(search, { target: { value: '' } });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(screen.getByRole('option', { selected: true }).textContent).toMatch(/^Chat with WebSockets/);
    expect(screen.getByTestId('interview-preview').textContent).toMatch(/^Chat with WebSockets/);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/unsaved changes/));
    expect(h.interview.getState().session).toBeNull();
    expect(store.getState().doc.nodes).toHaveLength(1);

    confirm.mockReturnValue(true);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(h.interview.getState().session?.promptId).toBe('chat');
    expect(store.getState().doc.nodes).toHaveLength(0);
    expect(store.getState().dialog).toBeNull();
    expect(screen.getByText(/2 prompt files could not be read/)).toBeTruthy();
  });
});

describe('drills and the score card', () => {
  function minimalDesign(h: Harness) {
    act(() => {
      const c = insertNode(h.ctx, 'client', { x: 0, y: 0 });
      const s = insertNode(h.ctx, 'service', { x: 300, y: 0 });
      const d = insertNode(h.ctx, 'database', { x: 600, y: 0 });
      h.ctx.store.getState().edit('Connect', (doc) => {
        connect(doc, c, s);
        connect(doc, s, d);
      });
    });
  }

  it('deals a drill into the live run at the current simulated time and marks the fault on the canvas', () => {
    const sim = fakeSim();
    const h = setup({ sim });
    start(h);
    minimalDesign(h);
    // The run shows the current design, 12.3 s in.
    act(() => {
      sim.runDocument = h.ctx.store.getState().doc;
      sim.set({ status: 'paused', timeMs: 12_300 });
    });
    fireEvent.click(screen.getByRole('button', { name: /Deal a drill/ }));
    fireEvent.click(screen.getByRole('menuitem', { name: /The database crashes/ }));
    expect(sim.loads).toBe(0);
    expect(sim.injected).toHaveLength(1);
    const fault = sim.injected[0]!;
    expect(fault).toMatchObject({ kind: 'crash', node: 'database-1', atMs: 12_300, untilMs: 22_300 });
    expect(sim.getSnapshot().status).toBe('playing');
    expect(screen.getByTestId('notice').textContent).toContain('Interviewer: “What if the database goes down?”');
    expect(screen.getByRole('button', { name: /Deal a drill \(1 dealt\)/ })).toBeTruthy();
    const marks = () => document.querySelector('[data-testid="interview-canvas-marks"]')?.textContent ?? '';
    expect(marks()).toContain('.react-flow__node[data-id="database-1"]::after{content:"drill: crashed"');
    // Once the fault is over, the mark goes.
    act(() => sim.set({ timeMs: 23_000 }));
    expect(marks()).not.toContain('database-1');
  });

  it('starts a run of the current design when none is showing it, and refuses a design that cannot run', () => {
    const sim = fakeSim();
    const h = setup({ sim });
    start(h);
    minimalDesign(h);
    act(() =>
      h.ctx.store.getState().edit('Break', (d) => {
        const c = d.nodes[0]!;
        if (c.kind === 'client') c.params.rate = -1;
      }),
    );
    expect(dealDrill(h.ctx, sim as unknown as SimClient, 0)).toBeNull();
    expect(h.ctx.store.getState().notice?.text).toMatch(/cannot run yet/);
    act(() => h.ctx.store.getState().undo());
    let faults: Fault[] | null = null;
    act(() => {
      faults = dealDrill(h.ctx, sim as unknown as SimClient, 1);
    });
    expect(sim.loads).toBe(1);
    expect(faults).toHaveLength(1);
    expect(faults![0]).toMatchObject({ kind: 'surge', atMs: 0, factor: 3 });
    // Dealt twice, the faults get ids of their own.
    act(() => {
      sim.runDocument = h.ctx.store.getState().doc;
      sim.set({ status: 'playing', timeMs: 5000 });
      dealDrill(h.ctx, sim as unknown as SimClient, 1);
    });
    expect(new Set(sim.injected.map((f) => f.id)).size).toBe(sim.injected.length);
  });

  it('finishes: scores the design, shows passed and failed items, points at their nodes, marks what broke', async () => {
    const h = setup();
    start(h);
    minimalDesign(h);
    fireEvent.click(screen.getByRole('tab', { name: /^Notes/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'One DB for now.' } });
    advance(h, 20 * MIN);
    await act(async () => {
      runCommand(h.ctx, 'interview.finish');
      await vi.waitFor(() => expect(h.interview.getState().session?.status).toBe('review'), { timeout: 60_000 });
    });
    // Finishing with time left asked first.
    expect(window.confirm).toHaveBeenCalledWith(expect.stringMatching(/^Finish now, with 25:00 left\?/));
    const card = screen.getByTestId('score-card');
    expect(within(card).getByTestId('score').textContent).toMatch(/^\d+$/);
    const items = [...card.querySelectorAll<HTMLElement>('[data-status]')].map((el) => el.dataset.status);
    expect(items).toContain('fail');
    expect(screen.getByTestId('rubric-noSinglePointOfFailure').dataset.status).toBe('fail');
    expect(within(card).getByText('One DB for now.')).toBeTruthy();
    expect(within(card).getByTestId('drill-result').textContent).toMatch(/Availability/);
    expect(screen.getByTestId('replay-caption').textContent).toMatch(/Finish|Connect/);
    // The clock stopped at the finish.
    expect(h.interview.getState().session?.runningSince).toBeNull();
    expect(screen.getByTestId('interview-clock').textContent).toMatch(/^Finished at 20:00 of 45 min/);

    // Choosing a rubric item points at its nodes on the canvas.
    const spof = screen.getByTestId('rubric-noSinglePointOfFailure');
    fireEvent.click(within(spof).getByRole('button'));
    const highlight = h.interview.getState().highlight!;
    expect(highlight.tone).toBe('fail');
    expect(highlight.nodes.length).toBeGreaterThan(0);
    const css = document.querySelector('[data-testid="interview-canvas-marks"]')!.textContent!;
    for (const id of highlight.nodes)
      expect(css).toContain(`.react-flow__node[data-id="${id}"]{outline:3px solid var(--bp-mark-fail)`);
    fireEvent.click(within(spof).getByRole('button'));
    expect(h.interview.getState().highlight).toBeNull();

    // Closing the score card asks, then forgets the session.
    act(() => void runCommand(h.ctx, 'interview.end'));
    expect(h.interview.getState().session).toBeNull();
    expect(h.persistence.session).toBeNull();
    expect(screen.queryByTestId('interview-strip')).toBeNull();
  }, 90_000);

  it('scores a design the simulation cannot run on the rubric alone, after saying so', async () => {
    const h = setup();
    start(h);
    minimalDesign(h);
    act(() =>
      h.ctx.store.getState().edit('Break', (d) => {
        const service = d.nodes[1]!;
        if (service.kind === 'service') service.params.concurrency = 0;
      }),
    );
    await act(async () => {
      await finishInterview(h.ctx);
    });
    expect(window.confirm).toHaveBeenLastCalledWith(
      expect.stringMatching(/^The design has 1 problem .* rubric alone\?/),
    );
    const card = h.interview.getState().session!.card!;
    expect(card.drill).toBeNull();
    expect(card.rubric.length).toBeGreaterThan(0);
    expect(screen.getByTestId('score-card').textContent).toMatch(/The drill did not run/);
    // Its export is the score card alone, as a page of its own.
    const page = exportScoreCard({ card, doc: h.ctx.store.getState().doc, format: 'html' });
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('URL shortener');
  });

  it('exports the score card inside the report of its drill, reproduced from the same seed', async () => {
    const h = setup();
    start(h);
    minimalDesign(h);
    await act(async () => {
      await finishInterview(h.ctx);
    });
    const card = h.interview.getState().session!.card!;
    const markdown = exportScoreCard({ card, doc: h.ctx.store.getState().doc, format: 'markdown' });
    expect(markdown).toMatch(/^# URL shortener: mock interview/);
    expect(markdown).toContain(`| ${card.drill!.seed} |`);
    expect(markdown).toContain(scoreCardSection(card).markdown.split('\n')[0]!);
    expect(exportFileName(card, 'markdown')).toBe('url-shortener-score-card.md');
  }, 90_000);

  it('abandoning asks first and keeps the session when the answer is no', () => {
    const h = setup();
    start(h);
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    fireEvent.click(screen.getByRole('button', { name: 'Abandon the interview' }));
    expect(h.interview.getState().session).not.toBeNull();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(screen.getByRole('button', { name: 'Abandon the interview' }));
    expect(h.interview.getState().session).toBeNull();
  });
});

describe('the drill worker protocol', () => {
  /** A worker that answers as drillWorker.ts does, from a script of messages. */
  function scriptedWorker(answer: (m: ToDrillWorker) => FromDrillWorker[]) {
    const worker = {
      terminated: 0,
      listeners: [] as ((e: MessageEvent<FromDrillWorker>) => void)[],
      addEventListener(type: string, fn: (e: MessageEvent<FromDrillWorker>) => void) {
        if (type === 'message') worker.listeners.push(fn);
      },
      postMessage(m: ToDrillWorker) {
        queueMicrotask(() => answer(m).forEach((data) => worker.listeners.forEach((l) => l({ data } as MessageEvent))));
      },
      terminate() {
        worker.terminated++;
      },
    };
    return worker;
  }

  it('reports progress, resolves with the card, and stops the worker', async () => {
    vi.useRealTimers();
    const card = { score: 42 } as ScoreCard;
    const worker = scriptedWorker((m) => [
      { type: 'progress', id: m.id, progress: { stage: 'drill', simulatedMs: 5000, durationMs: 90_000 } },
      { type: 'done', id: m.id, card },
    ]);
    const progress: number[] = [];
    const runner = workerRunner(() => worker as unknown as DrillWorkerLike);
    const job = runner.score({} as ScoreRequest, (p) => progress.push(p.simulatedMs));
    await expect(job.result).resolves.toBe(card);
    expect(progress).toEqual([5000]);
    expect(worker.terminated).toBe(1);
  });

  it('rejects with the worker’s reason', async () => {
    vi.useRealTimers();
    const worker = scriptedWorker((m) => [{ type: 'failed', id: m.id, message: 'the design has no client' }]);
    const job = workerRunner(() => worker as unknown as DrillWorkerLike).exportCard({} as ExportRequest, () => {});
    await expect(job.result).rejects.toThrow('the design has no client');
  });
});

describe('canvas marks and commands', () => {
  it('writes one rule per mark, with ids and chips quoted for CSS', () => {
    const css = marksCss([{ id: 'a"b', tone: 'drill', chip: 'drill: 5× slower' }], [{ id: 'e-1', tone: 'fail' }]);
    expect(css).toContain('.react-flow__node[data-id="a\\"b"]{outline:3px solid var(--bp-mark-drill)');
    expect(css).toContain('::after{content:"drill: 5× slower";background:var(--bp-mark-drill)}');
    expect(css).toContain('.react-flow__edge[data-id="e-1"] .react-flow__edge-path{stroke:var(--bp-mark-fail)');
  });

  it('registers the interview commands with shortcuts nobody else uses', () => {
    const ids = COMMANDS.filter((c) => c.group === 'Interview').map((c) => c.id);
    expect(ids).toEqual([
      'interview.start',
      'interview.pause',
      'interview.dealDrill',
      'interview.interviewerView',
      'interview.finish',
      'interview.end',
    ]);
    const shortcuts = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    for (const s of ['Alt+P', 'Alt+R', 'Alt+I']) expect(shortcuts.filter((x) => x === s)).toHaveLength(1);
  });
});
