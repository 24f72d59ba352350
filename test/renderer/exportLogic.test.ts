import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/model/validate.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { EXPORT_COMMANDS } from '../../renderer/src/export/exportCommands.js';
import { formatInfo } from '../../renderer/src/export/exportFormats.js';
import {
  canRasterize,
  defaultExportOptions,
  drawOptionsFor,
  exportNameFor,
  resolveTheme,
  selectedItems,
  type ExportOptions,
} from '../../renderer/src/export/exportOptions.js';
import { exportSession } from '../../renderer/src/export/exportSession.js';
import { exportFileName, fileStem, recordingFileName } from '../../renderer/src/export/fileNames.js';
import {
  applyKindChoices,
  isImportableName,
  needsReview,
  wantsLayout,
} from '../../renderer/src/export/importReview.js';
import {
  clampDuration,
  defaultRecordingOptions,
  estimateBytes,
  frameTimeMs,
  planRecording,
  webmBitsPerSecond,
  withKind,
} from '../../renderer/src/export/recording/recordingOptions.js';
import { createRecordingHost } from '../../renderer/src/export/recording/recordingHost.js';
import { RecordingRun } from '../../renderer/src/export/recording/recordingRun.js';
import type { FromWorker, ToWorker } from '../../renderer/src/sim/protocol.js';
import type { WorkerLike } from '../../renderer/src/sim/simClient.js';
import { COMMANDS, runCommand, type CommandContext } from '../../renderer/src/store/commands.js';
import { createEditorStore, EMPTY_SELECTION } from '../../renderer/src/store/editorStore.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';

function threeTier(): TopologyDocument {
  return {
    ...emptyDocument('Three-tier web app (EU)'),
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, params: {} },
      { id: 'lb', kind: 'loadBalancer', label: 'LB', position: { x: 240, y: 0 }, params: {} },
      { id: 'api', kind: 'service', label: 'API', parent: 'dc', position: { x: 480, y: 0 }, params: { replicas: 3 } },
      {
        id: 'dc',
        kind: 'region',
        label: 'DC',
        position: { x: 440, y: -60 },
        params: { location: 'eu-west', size: { width: 300, height: 200 } },
      },
    ],
    edges: [
      { id: 'e1', source: 'users', target: 'lb', params: {} },
      { id: 'e2', source: 'lb', target: 'api', params: {} },
    ],
    notes: [{ id: 'n1', text: 'hello', position: { x: 0, y: 200 } }],
  };
}

describe('file names', () => {
  it('makes a stem from the document name as Save does', () => {
    expect(fileStem('Three-tier web app (EU)')).toBe('three-tier-web-app-eu');
    expect(fileStem('  Retry   storm!  ')).toBe('retry-storm');
    expect(fileStem('ÄÖÜ')).toBe('topology');
    expect(fileStem('')).toBe('topology');
  });

  it('names each format with its extension, and marks the selection and the scale of a PNG', () => {
    expect(exportFileName('Retry storm', 'json')).toBe('retry-storm.bp.json');
    expect(exportFileName('Retry storm', 'mermaid')).toBe('retry-storm.mmd');
    expect(exportFileName('Retry storm', 'drawio')).toBe('retry-storm.drawio');
    expect(exportFileName('Retry storm', 'svg', { selection: true })).toBe('retry-storm-selection.svg');
    expect(exportFileName('Retry storm', 'png', { scale: 2 })).toBe('retry-storm@2x.png');
    expect(exportFileName('Retry storm', 'png', { scale: 1 })).toBe('retry-storm.png');
    // Text formats are the whole document whatever is selected.
    expect(exportFileName('Retry storm', 'mermaid', { selection: true })).toBe('retry-storm.mmd');
  });

  it('names a recording after its start and speed', () => {
    expect(recordingFileName('Retry storm', 'gif', 12_500, 2)).toBe('retry-storm-12.5s-x2.gif');
    expect(recordingFileName('Retry storm', 'webm', 0, 0.25, true)).toBe('retry-storm-selection-0s-x0.25.webm');
  });
});

describe('export options', () => {
  it('defaults to the selection when something is selected, else the whole diagram', () => {
    expect(defaultExportOptions(null, true)).toMatchObject({ format: 'png', scope: 'selection', scale: 2 });
    expect(defaultExportOptions('mermaid', false)).toMatchObject({ format: 'mermaid', scope: 'all' });
  });

  it('resolves "as the app" through the app theme and the system', () => {
    expect(resolveTheme('app', 'dark', false)).toBe('dark');
    expect(resolveTheme('app', 'system', true)).toBe('dark');
    expect(resolveTheme('app', 'system', false)).toBe('light');
    expect(resolveTheme('light', 'dark', true)).toBe('light');
  });

  it('draws the selected nodes, the ends of selected edges and selected notes', () => {
    const doc = threeTier();
    expect(selectedItems(doc, { nodes: [], edges: ['e2'], notes: ['n1'] })).toEqual({
      nodes: ['lb', 'api'],
      notes: ['n1'],
    });
  });

  it('maps the dialog options onto the renderer options', () => {
    const doc = threeTier();
    const base: ExportOptions = { format: 'png', scale: 4, background: 'transparent', theme: 'app', scope: 'all' };
    expect(drawOptionsFor(base, doc, EMPTY_SELECTION, 'dark', false)).toEqual({
      theme: 'dark',
      background: 'transparent',
      embedDocument: false,
      padding: 24,
    });
    const svg = drawOptionsFor(
      { ...base, format: 'svg', theme: 'light', background: 'theme', scope: 'selection' },
      doc,
      { nodes: ['users'], edges: [], notes: [] },
      'dark',
      true,
    );
    expect(svg).toEqual({
      theme: 'light',
      background: 'theme',
      embedDocument: true,
      padding: 24,
      only: { nodes: ['users'], notes: [] },
    });
    // "Selection" with nothing selected draws everything rather than an empty picture.
    expect(drawOptionsFor({ ...base, scope: 'selection' }, doc, EMPTY_SELECTION, 'light', false).only).toBeUndefined();
  });

  it('names the file from the options', () => {
    const o = defaultExportOptions('png', true);
    expect(exportNameFor('Global app', o)).toBe('global-app-selection@2x.png');
    expect(exportNameFor('Global app', { ...o, format: 'json' })).toBe('global-app.bp.json');
  });

  it('refuses a PNG too large for a canvas and says what to do', () => {
    expect(canRasterize(2000, 1000, 4)).toEqual({ ok: true });
    const refused = canRasterize(5000, 3000, 4);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/20000 × 12000 px.*smaller scale/);
  });

  it('knows which formats can be copied', () => {
    expect(formatInfo('png').copyable).toBe(false);
    expect(formatInfo('mermaid').copyable).toBe(true);
    expect(formatInfo('svg').image).toBe(true);
  });
});

describe('import review', () => {
  it('changes a guessed kind to the defaults of the chosen kind and leaves the rest alone', () => {
    const doc = threeTier();
    const out = applyKindChoices(doc, { api: 'database', users: 'client' });
    expect(out).not.toBe(doc);
    const api = out.nodes.find((n) => n.id === 'api')!;
    expect(api.kind).toBe('database');
    expect(api.params).toEqual({});
    expect(api.label).toBe('API');
    expect(api.parent).toBe('dc');
    expect(out.nodes.find((n) => n.id === 'users')).toBe(doc.nodes[0]);
    expect(doc.nodes[2]!.kind).toBe('service');
  });

  it('a region that stops being one lets go of its children; a new region gets a size', () => {
    const doc = threeTier();
    const out = applyKindChoices(doc, { dc: 'service', lb: 'region' });
    expect(out.nodes.find((n) => n.id === 'api')!.parent).toBeUndefined();
    expect(out.nodes.find((n) => n.id === 'lb')!.params).toEqual({
      location: 'us-east',
      size: { width: 520, height: 300 },
    });
  });

  it('returns the same document when nothing changes', () => {
    const doc = threeTier();
    expect(applyKindChoices(doc, {})).toBe(doc);
    expect(applyKindChoices(doc, { api: 'service' })).toBe(doc);
  });

  it('reviews guesses and warnings, lays out Mermaid, accepts the formats it reads', () => {
    expect(needsReview({ guesses: [], warnings: [] })).toBe(false);
    expect(needsReview({ guesses: [], warnings: ['a style was dropped'] })).toBe(true);
    expect(wantsLayout('mermaid')).toBe(true);
    expect(wantsLayout('drawio')).toBe(false);
    for (const name of ['a.bp.json', 'A.JSON', 'x.mmd', 'README.md', 'd.drawio', 'd.xml', 'p.svg', 'p.png', 'm.txt'])
      expect(isImportableName(name)).toBe(true);
    expect(isImportableName('photo.jpg')).toBe(false);
  });
});

describe('recording plan', () => {
  it('frame k shows start + k * speed / fps, from where the run is', () => {
    const plan = planRecording({ durationS: 3, speed: 2, fps: 10, from: 'now' }, 5_000, 60_000);
    expect(plan).toEqual({ startMs: 5_000, endMs: 5_000 + 29 * 200, frames: 30, stepMs: 200, truncated: false });
    expect(frameTimeMs(plan, 0)).toBe(5_000);
    expect(frameTimeMs(plan, 10)).toBe(7_000);
  });

  it('starts at 0 when asked, and stops at the end of the run', () => {
    expect(planRecording({ durationS: 3, speed: 1, fps: 10, from: 'start' }, 5_000, 60_000).startMs).toBe(0);
    const late = planRecording({ durationS: 10, speed: 1, fps: 10, from: 'now' }, 58_000, 60_000);
    expect(late).toMatchObject({ startMs: 58_000, endMs: 60_000, frames: 21, truncated: true });
  });

  it('keeps the duration within limits and the frame rate with the format', () => {
    expect(clampDuration(0)).toBe(1);
    expect(clampDuration(600)).toBe(60);
    expect(clampDuration(2.54)).toBe(2.5);
    const gif = defaultRecordingOptions('gif', false);
    expect(gif.fps).toBe(12);
    expect(withKind(gif, 'webm').fps).toBe(30);
    expect(defaultRecordingOptions('webm', true).scope).toBe('selection');
  });

  it('estimates sizes that grow with pixels and frames', () => {
    expect(estimateBytes('gif', 800, 600, 20, 10)).toBeCloseTo(2 * estimateBytes('gif', 800, 600, 10, 10));
    expect(estimateBytes('webm', 800, 600, 60, 30)).toBeCloseTo((webmBitsPerSecond(800, 600) / 8) * 2);
    expect(webmBitsPerSecond(100, 100)).toBe(1_000_000);
    expect(webmBitsPerSecond(4000, 4000)).toBe(12_000_000);
  });
});

describe('export commands', () => {
  const ctx = (doc: TopologyDocument = threeTier()): CommandContext => ({
    store: createEditorStore(doc),
    view: null,
    files: null,
    clipboard: { fragment: null, pastes: 0 },
  });

  it('are in the command list with shortcuts no other command uses', () => {
    const ids = COMMANDS.map((c) => c.id);
    for (const c of EXPORT_COMMANDS) expect(ids).toContain(c.id);
    const seen = new Map<string, string>();
    for (const c of COMMANDS)
      for (const s of c.shortcuts ?? []) {
        expect(seen.get(s), `${s} of ${c.id}`).toBeUndefined();
        seen.set(s, c.id);
      }
    expect(seen.get('Mod+E')).toBe('file.export');
    expect(seen.get('Mod+I')).toBe('file.import');
  });

  it('open the Export dialog preset to the format of the menu item', () => {
    const c = ctx();
    expect(runCommand(c, 'file.exportMermaid')).toBe(true);
    expect(c.store.getState().dialog).toBe('export');
    expect(exportSession.getState().exportPreset).toBe('mermaid');
    runCommand(c, 'file.export');
    expect(exportSession.getState().exportPreset).toBeNull();
  });

  it('do not export an empty document, but import into one', () => {
    const c = ctx(emptyDocument());
    expect(runCommand(c, 'file.export')).toBe(false);
    expect(runCommand(c, 'sim.recordGif')).toBe(false);
    expect(runCommand(c, 'file.import')).toBe(true);
    expect(c.store.getState().dialog).toBe('import');
  });

  it('open the Record dialog for the format chosen', () => {
    const c = ctx();
    runCommand(c, 'sim.recordWebm');
    expect(c.store.getState().dialog).toBe('record');
    expect(exportSession.getState().recordKind).toBe('webm');
  });
});

/** The recording worker's host run in this thread, answering asynchronously as a real worker does. */
class InProcessWorker implements WorkerLike {
  private listeners: ((e: MessageEvent<FromWorker>) => void)[] = [];
  terminated = false;
  private host = createRecordingHost((message) =>
    queueMicrotask(() => this.listeners.forEach((l) => l({ data: message } as MessageEvent<FromWorker>))),
  );
  postMessage(message: ToWorker): void {
    this.host(structuredClone(message));
  }
  addEventListener(_: 'message', listener: (e: MessageEvent<FromWorker>) => void): void {
    this.listeners.push(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function template(file: string): TopologyDocument {
  const r = parseDocument(fs.readFileSync(path.resolve(__dirname, '../../assets/templates', file), 'utf8'));
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.document;
}

describe('recording run', () => {
  const doc = template('three-tier-web-app.bp.json');
  const plan = planRecording({ durationS: 1, speed: 1, fps: 10, from: 'start' }, 0, 60_000);

  async function frames(): Promise<{ times: number[]; messages: number[]; departures: number[] }> {
    const worker = new InProcessWorker();
    const run = new RecordingRun(worker, doc, 1, 60_000);
    const loaded = await run.loaded();
    expect(loaded.edgeIds).toEqual(doc.edges.map((e) => e.id));
    const out = { times: [] as number[], messages: [] as number[], departures: [] as number[] };
    for (let k = 0; k < plan.frames; k++) {
      const frame = await run.advance(frameTimeMs(plan, k));
      out.times.push(frame.timeMs);
      out.messages.push(frame.messages.count);
      for (let i = 0; i < frame.messages.count; i++) out.departures.push(frame.messages.departMs[i]!);
    }
    run.close();
    expect(worker.terminated).toBe(true);
    return out;
  }

  it('advances to exactly the time of each frame, and the same run gives the same messages', async () => {
    const first = await frames();
    expect(first.times).toEqual(Array.from({ length: 10 }, (_, k) => k * 100));
    expect(first.messages.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // A message that departed by frame k's time was handed over by frame k: no packet shows up late.
    let at = 0;
    first.messages.forEach((n, k) => {
      if (k > 0) for (let i = 0; i < n; i++) expect(first.departures[at + i]).toBeGreaterThan(first.times[k - 1]!);
      at += n;
    });
    expect(await frames()).toEqual(first);
  });

  it('runs a 20 s document through sample boundaries that do not fall on whole numbers', async () => {
    const storm = template('retry-storm.bp.json');
    const run = new RecordingRun(new InProcessWorker(), storm, 1, 20_000);
    const step = planRecording({ durationS: 1, speed: 5, fps: 12, from: 'start' }, 0, 20_000);
    for (let k = 0; k < step.frames; k++)
      expect((await run.advance(frameTimeMs(step, k))).timeMs).toBe(k * step.stepMs);
    const end = await run.advance(20_000);
    expect(end.done).toBe(true);
    run.close();
  });

  it('fails with the document’s first problem when it cannot run', async () => {
    const broken = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, params: { ...n.params, replicas: -1 } })) };
    const run = new RecordingRun(new InProcessWorker(), broken as TopologyDocument, 1, 60_000);
    await expect(run.advance(100)).rejects.toThrow(/problem.* to fix first \(nodes\[\d+\]\.params\.replicas: /);
    run.close();
  });
});
