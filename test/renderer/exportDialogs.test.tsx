import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeDocument } from '../../shared/model/serialize.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { exportSession } from '../../renderer/src/export/exportSession.js';
import { ExportDialog } from '../../renderer/src/export/ExportDialog.js';
import { ImportDialog } from '../../renderer/src/export/ImportDialog.js';
import type { CommandContext } from '../../renderer/src/store/commands.js';
import { createEditorStore } from '../../renderer/src/store/editorStore.js';
import { emptyDocument } from '../../renderer/src/store/emptyDocument.js';
import { EditorContext } from '../../renderer/src/store/useEditor.js';

// The importer is the shared code's (tested there); here it answers what each test needs.
const importDocument = vi.fn();
vi.mock('../../shared/export/index.js', async (actual) => ({
  ...(await actual<object>()),
  importDocument: (source: unknown) => importDocument(source),
}));

afterEach(cleanup);
beforeAll(() => {
  // jsdom has <dialog> without its modal methods; a closed dialog's content is hidden from queries by role.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});
beforeEach(() => {
  importDocument.mockReset();
  exportSession.setState({ importSource: null });
});

function imported(): TopologyDocument {
  return {
    ...emptyDocument('Checkout'),
    nodes: [
      { id: 'web', kind: 'client', label: 'Web', position: { x: 0, y: 0 }, params: {} },
      { id: 'orders', kind: 'service', label: 'Orders', position: { x: 0, y: 0 }, params: {} },
      { id: 'pg', kind: 'service', label: 'Postgres', position: { x: 0, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'e1', source: 'web', target: 'orders', params: {} },
      { id: 'e2', source: 'orders', target: 'pg', params: {} },
    ],
  };
}

function setup(current: TopologyDocument = { ...emptyDocument('Mine'), nodes: [] }) {
  const store = createEditorStore(current);
  store.getState().openDialog('import');
  const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
  render(
    <EditorContext.Provider value={ctx}>
      <ImportDialog />
    </EditorContext.Provider>,
  );
  return { store };
}

const paste = (text: string) => {
  fireEvent.change(screen.getByRole('textbox', { name: /paste/i }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Import text' }));
};

describe('Import dialog', () => {
  it('shows why an import failed and keeps the current document', () => {
    importDocument.mockReturnValue({ ok: false, error: 'line 2: expected an arrow' });
    const { store } = setup();
    const before = store.getState().doc;
    paste('flowchart LR\n  a -- b');
    expect(importDocument).toHaveBeenCalledWith({ text: 'flowchart LR\n  a -- b' });
    expect(screen.getByRole('alert').textContent).toBe('Could not import “pasted text”: line 2: expected an arrow');
    expect(store.getState().doc).toBe(before);
    expect(store.getState().dialog).toBe('import');
  });

  it('lists guessed kinds for review, and opens the document with the kind chosen there', () => {
    importDocument.mockReturnValue({
      ok: true,
      doc: imported(),
      format: 'mermaid',
      guesses: [
        { nodeId: 'orders', label: 'Orders', kind: 'service', reason: 'a plain box' },
        { nodeId: 'pg', label: 'Postgres', kind: 'service', reason: 'a plain box' },
      ],
      warnings: ['a click directive was ignored'],
    });
    const { store } = setup();
    paste('flowchart LR\n  web --> orders --> pg');

    const table = screen.getByRole('table', { name: 'Guessed kinds' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Orders'),
      expect.stringContaining('Postgres'),
    ]);
    expect(within(rows[1]!).getByText('a plain box')).toBeTruthy();
    expect(screen.getByText('a click directive was ignored')).toBeTruthy();
    // Nothing opened yet.
    expect(store.getState().doc.name).toBe('Mine');

    fireEvent.change(screen.getByRole('combobox', { name: 'Kind of Postgres' }), { target: { value: 'database' } });
    // Mermaid has no positions: the layout runs after opening unless turned off.
    const layout = screen.getByRole('checkbox', { name: /Lay the diagram out/ }) as HTMLInputElement;
    expect(layout.checked).toBe(true);
    fireEvent.click(layout);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));

    const state = store.getState();
    expect(state.dialog).toBeNull();
    expect(state.doc.name).toBe('Checkout');
    expect(state.doc.nodes.find((n) => n.id === 'pg')!.kind).toBe('database');
    expect(state.doc.nodes.find((n) => n.id === 'orders')!.kind).toBe('service');
    // A new document not saved to any file, with no history to undo into the old one.
    expect(state.file).toBeNull();
    expect(state.undoLabel).toBeNull();
    expect(state.savedRevision).not.toBe(state.revision);
    expect(state.notice?.text).toBe('Imported “pasted text” from Mermaid: 3 nodes, 2 edges; 1 thing left out');
  });

  it('opens at once when nothing was guessed, as Open does', () => {
    importDocument.mockReturnValue({ ok: true, doc: imported(), format: 'json', guesses: [], warnings: [] });
    const { store } = setup();
    paste('{"format":"backpressure.topology"}');
    expect(store.getState().doc.name).toBe('Checkout');
    expect(store.getState().dialog).toBeNull();
  });

  it('asks before replacing unsaved changes, and keeps them when told no', () => {
    importDocument.mockReturnValue({ ok: true, doc: imported(), format: 'json', guesses: [], warnings: [] });
    const { store } = setup();
    store.getState().edit('Rename', (d) => {
      d.name = 'Unsaved';
    });
    const confirm = vi.spyOn(globalThis, 'confirm').mockReturnValue(false);
    paste('{}');
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Import “pasted text”?'));
    expect(store.getState().doc.name).toBe('Unsaved');
    expect(store.getState().dialog).toBe('import');
    confirm.mockRestore();
  });

  it('reads a file dropped on the canvas as soon as it opens', async () => {
    importDocument.mockReturnValue({ ok: false, error: 'this PNG carries no Backpressure document' });
    exportSession.setState({ importSource: { name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) } });
    await act(async () => {
      setup();
    });
    expect(importDocument).toHaveBeenCalledWith({ name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) });
    expect(screen.getByRole('alert').textContent).toContain('“photo.png”: this PNG carries no Backpressure document');
    expect(exportSession.getState().importSource).toBeNull();
  });
});

describe('Export dialog', () => {
  function setupExport(preset: 'png' | 'json' | 'mermaid' | null, select?: string[]) {
    const store = createEditorStore(imported());
    if (select) store.getState().select({ nodes: select });
    exportSession.setState({ exportPreset: preset });
    store.getState().openDialog('export');
    const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    render(
      <EditorContext.Provider value={ctx}>
        <ExportDialog />
      </EditorContext.Provider>,
    );
    return { store, blobs, clicked };
  }
  afterEach(() => vi.restoreAllMocks());

  it('opens on the format of the menu item, shows its text, and downloads exactly it', async () => {
    const { store, blobs, clicked } = setupExport('json');
    const text = (screen.getByRole('textbox', { name: 'Backpressure document text' }) as HTMLTextAreaElement).value;
    expect(text).toBe(serializeDocument(store.getState().doc));
    expect(screen.queryByRole('group', { name: 'Scale' })).toBeNull();
    expect((screen.getByRole('textbox', { name: 'File name' }) as HTMLInputElement).value).toBe('checkout.bp.json');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    });
    expect(clicked).toEqual(['checkout.bp.json']);
    expect(await blobs.at(-1)!.text()).toBe(text);
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().notice?.text).toMatch(/^Exported “checkout\.bp\.json” \(/);
  });

  it('defaults to the selection for images, names the file after it, and keeps a typed name', () => {
    setupExport(null, ['orders']);
    const name = () => (screen.getByRole('textbox', { name: 'File name' }) as HTMLInputElement).value;
    expect((screen.getByRole('radio', { name: 'Selection' }) as HTMLInputElement).checked).toBe(true);
    expect(name()).toBe('checkout-selection@2x.png');
    expect(screen.getByRole('group', { name: 'Scale' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '4x' }));
    expect(name()).toBe('checkout-selection@4x.png');
    fireEvent.click(screen.getByRole('radio', { name: 'Whole diagram' }));
    expect(name()).toBe('checkout@4x.png');
    fireEvent.change(screen.getByRole('textbox', { name: 'File name' }), { target: { value: 'for-slides.png' } });
    fireEvent.click(screen.getByRole('radio', { name: /^SVG image/ }));
    expect(name()).toBe('for-slides.svg');
    expect(screen.getByTestId('export-meta').textContent).toMatch(/^\d+ × \d+ px at 1x/);
  });

  it('offers Copy for text formats only', () => {
    setupExport('mermaid');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /^PNG image/ }));
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
  });
});
