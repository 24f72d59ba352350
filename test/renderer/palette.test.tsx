import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NODE_KINDS, type NodeKind } from '../../shared/model/types.js';
import { KIND_MIME, hasKindData, kindFromDataTransfer } from '../../renderer/src/palette/dnd.js';
import { matchKinds } from '../../renderer/src/palette/filter.js';
import { KIND_COLORS, KIND_DESCRIPTIONS, KindIcon } from '../../renderer/src/palette/kindVisuals.js';
import { PALETTE_HINT, Palette } from '../../renderer/src/palette/Palette.js';
import type { CommandContext } from '../../renderer/src/store/commands.js';
import { createEditorStore, type EditorStore } from '../../renderer/src/store/editorStore.js';
import { NODE_SIZE } from '../../renderer/src/store/geometry.js';
import { KIND_TITLES } from '../../renderer/src/store/kinds.js';
import { EditorContext } from '../../renderer/src/store/useEditor.js';

afterEach(cleanup);

function renderPalette(children: ReactNode = <Palette />) {
  const store: EditorStore = createEditorStore();
  const ctx: CommandContext = { store, view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
  const result = render(<EditorContext.Provider value={ctx}>{children}</EditorContext.Provider>);
  return { store, ctx, ...result };
}

const item = (kind: NodeKind) => screen.getByRole('button', { name: `Add ${KIND_TITLES[kind]}` });
const filterBox = () => screen.getByRole('searchbox', { name: 'Filter node kinds' });
const listedKinds = () =>
  Array.from(document.querySelectorAll<HTMLElement>('button[data-kind]')).map((b) => b.dataset.kind);

/** A stand-in for the browser's DataTransfer, which jsdom does not implement. */
function mockDataTransfer(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    dropEffect: 'none',
    effectAllowed: 'uninitialized',
    get types() {
      return [...data.keys()];
    },
    setData: vi.fn((type: string, value: string) => void data.set(type, value)),
    getData: (type: string) => data.get(type) ?? '',
    clearData: () => data.clear(),
    setDragImage: vi.fn(),
  };
}

describe('kind visuals', () => {
  it('gives every kind an icon, a colour and a distinct one-line description', () => {
    const descriptions = new Set<string>();
    const colours = new Set<string>();
    for (const kind of NODE_KINDS) {
      const { container, unmount } = render(<KindIcon kind={kind} />);
      const svg = container.querySelector('svg')!;
      expect(svg, kind).not.toBeNull();
      expect(svg.getAttribute('viewBox')).toBe('0 0 24 24');
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(svg.getAttribute('stroke')).toBe('currentColor');
      expect(svg.getAttribute('width')).toBe('20');
      expect(svg.children.length, kind).toBeGreaterThan(0);
      unmount();

      const description = KIND_DESCRIPTIONS[kind];
      expect(description.length, kind).toBeGreaterThan(20);
      expect(description.length, kind).toBeLessThanOrEqual(110);
      expect(description, kind).not.toMatch(/\n/);
      descriptions.add(description);
      expect(KIND_COLORS[kind], kind).toMatch(/^#[0-9a-f]{6}$/);
      colours.add(KIND_COLORS[kind]);
    }
    expect(descriptions.size).toBe(NODE_KINDS.length);
    expect(colours.size).toBe(NODE_KINDS.length);
  });

  it('draws a different picture for every kind', () => {
    const drawings = new Set<string>();
    for (const kind of NODE_KINDS) {
      const { container, unmount } = render(<KindIcon kind={kind} size={32} />);
      expect(container.querySelector('svg')!.getAttribute('width')).toBe('32');
      drawings.add(container.querySelector('svg')!.innerHTML);
      unmount();
    }
    expect(drawings.size).toBe(NODE_KINDS.length);
  });
});

describe('Palette', () => {
  it('lists every kind as a draggable button with its icon, name and description', () => {
    renderPalette();
    expect(listedKinds()).toEqual([...NODE_KINDS]);
    for (const kind of NODE_KINDS) {
      const button = item(kind);
      expect(button.getAttribute('type')).toBe('button');
      expect(button.getAttribute('draggable')).toBe('true');
      expect(button.dataset.kind).toBe(kind);
      expect(button.getAttribute('title')).toBe(KIND_DESCRIPTIONS[kind]);
      expect(button.querySelector('svg')).not.toBeNull();
      expect(within(button).getByText(KIND_TITLES[kind])).toBeTruthy();
      expect(within(button).getByText(KIND_DESCRIPTIONS[kind])).toBeTruthy();
      const describedBy = button.getAttribute('aria-describedby')!;
      expect(document.getElementById(describedBy)?.textContent).toBe(KIND_DESCRIPTIONS[kind]);
    }
    expect(screen.getByRole('button', { name: 'Add sticky note' })).toBeTruthy();
    expect(screen.getByText(PALETTE_HINT)).toBeTruthy();
    expect(PALETTE_HINT).toBe(
      'Drag onto the canvas, or click to add at the centre. Drop a sidecar on a service to attach it.',
    );
  });

  it('filters by name, kind id and description words, and shows an empty state', () => {
    renderPalette();
    fireEvent.change(filterBox(), { target: { value: 'data' } });
    expect(listedKinds()).toEqual(['database', 'region']);

    fireEvent.change(filterBox(), { target: { value: 'balancer' } });
    expect(listedKinds()).toEqual(['loadBalancer']);

    fireEvent.change(filterBox(), { target: { value: 'loadBalancer' } });
    expect(listedKinds()).toEqual(['loadBalancer']);

    fireEvent.change(filterBox(), { target: { value: 'LEAST conn' } });
    expect(listedKinds()).toEqual(['loadBalancer']);

    fireEvent.change(filterBox(), { target: { value: 'mtls' } });
    expect(listedKinds()).toEqual(['sidecar']);

    fireEvent.change(filterBox(), { target: { value: 'xyz' } });
    expect(listedKinds()).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('No node kind matches “xyz”');
    // The sticky note and the hint stay.
    expect(screen.getByRole('button', { name: 'Add sticky note' })).toBeTruthy();
  });

  it('clears the filter on Escape', () => {
    renderPalette();
    fireEvent.change(filterBox(), { target: { value: 'redis' } });
    expect(listedKinds()).toEqual(['cache']);
    const escape = fireEvent.keyDown(filterBox(), { key: 'Escape' });
    expect(escape).toBe(false);
    expect((filterBox() as HTMLInputElement).value).toBe('');
    expect(listedKinds()).toEqual([...NODE_KINDS]);
    // With nothing to clear, Escape is left to the rest of the app.
    expect(fireEvent.keyDown(filterBox(), { key: 'Escape' })).toBe(true);
  });

  it('matches words from the start and ignores case and punctuation', () => {
    expect(matchKinds('')).toEqual([...NODE_KINDS]);
    expect(matchKinds('   ')).toEqual([...NODE_KINDS]);
    expect(matchKinds('DNS')).toEqual(['dns']);
    expect(matchKinds('redis')).toEqual(['cache']);
    expect(matchKinds('kafka')).toEqual(['queue']);
    expect(matchKinds('lb')).toEqual(['loadBalancer']);
    expect(matchKinds('ache')).toEqual(['cache']);
    expect(matchKinds('tency')).toEqual([]);
    expect(matchKinds('cache')).toEqual(['dns', 'cdn', 'cache']);
  });

  it('adds a node at the centre of the view on click, and selects it', () => {
    const { store } = renderPalette();
    const center = store.getState().viewCenter;
    fireEvent.click(item('service'));
    const { doc, selection } = store.getState();
    expect(doc.nodes).toHaveLength(1);
    const node = doc.nodes[0]!;
    expect(node.kind).toBe('service');
    expect(node.position.x + NODE_SIZE.width / 2).toBeCloseTo(center.x, 0);
    expect(node.position.y + NODE_SIZE.height / 2).toBeCloseTo(center.y, 0);
    expect(selection.nodes).toEqual([node.id]);
    expect(store.getState().undoLabel).not.toBeNull();
  });

  it('adds the first match when Enter is pressed in the filter', () => {
    const { store } = renderPalette();
    fireEvent.change(filterBox(), { target: { value: 'cylinder db' } });
    expect(listedKinds()).toEqual([]);
    fireEvent.keyDown(filterBox(), { key: 'Enter' });
    expect(store.getState().doc.nodes).toHaveLength(0);
    fireEvent.change(filterBox(), { target: { value: 'postgres' } });
    fireEvent.keyDown(filterBox(), { key: 'Enter' });
    expect(store.getState().doc.nodes.map((n) => n.kind)).toEqual(['database']);
  });

  it('adds a sticky note through the insert.note command', () => {
    const { store } = renderPalette();
    fireEvent.click(screen.getByRole('button', { name: 'Add sticky note' }));
    const { doc, selection } = store.getState();
    expect(doc.notes).toHaveLength(1);
    expect(selection.notes).toEqual([doc.notes[0]!.id]);
  });

  it('puts the kind on a drag', () => {
    renderPalette();
    const dataTransfer = mockDataTransfer();
    fireEvent.dragStart(item('cache'), { dataTransfer });
    expect(dataTransfer.setData).toHaveBeenCalledWith(KIND_MIME, 'cache');
    expect(dataTransfer.setData).toHaveBeenCalledWith('text/plain', 'cache');
    expect(dataTransfer.effectAllowed).toBe('copy');
    expect(dataTransfer.setDragImage).toHaveBeenCalledTimes(1);
    expect(hasKindData(dataTransfer)).toBe(true);
    expect(kindFromDataTransfer(dataTransfer)).toBe('cache');
    expect(KIND_MIME).toBe('application/x-backpressure-kind');
  });

  it('reads only known kinds from a drop', () => {
    expect(kindFromDataTransfer(null)).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer())).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer({ [KIND_MIME]: 'mainframe' }))).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer({ [KIND_MIME]: 'toString' }))).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer({ [KIND_MIME]: 'mainframe', 'text/plain': 'service' }))).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer({ 'text/plain': 'hello world' }))).toBeNull();
    expect(kindFromDataTransfer(mockDataTransfer({ 'text/plain': 'queue' }))).toBe('queue');
    expect(kindFromDataTransfer(mockDataTransfer({ [KIND_MIME]: 'loadBalancer' }))).toBe('loadBalancer');
    expect(hasKindData(mockDataTransfer({ 'text/plain': 'queue' }))).toBe(false);
    expect(hasKindData(null)).toBe(false);
  });

  it('moves focus through the list with the arrow keys (one tab stop)', () => {
    renderPalette();
    const tabbable = () => listedKinds().filter((k) => item(k as NodeKind).tabIndex === 0);
    expect(tabbable()).toEqual(['client']);

    fireEvent.keyDown(filterBox(), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item('client'));
    fireEvent.keyDown(item('client'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item('dns'));
    expect(tabbable()).toEqual(['dns']);
    fireEvent.keyDown(item('dns'), { key: 'End' });
    expect(document.activeElement).toBe(item('region'));
    fireEvent.keyDown(item('region'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item('region'));
    fireEvent.keyDown(item('region'), { key: 'Home' });
    expect(document.activeElement).toBe(item('client'));
    fireEvent.keyDown(item('client'), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(filterBox());

    // Filtering keeps one tab stop, on a kind that is still listed.
    fireEvent.change(filterBox(), { target: { value: 'redis' } });
    expect(tabbable()).toEqual(['cache']);
  });

  it('does not render again when the document changes', () => {
    const renders = vi.fn();
    const { store } = renderPalette(
      <Profiler id="palette" onRender={renders}>
        <Palette />
      </Profiler>,
    );
    const before = renders.mock.calls.length;
    act(() => {
      store.getState().edit('Rename', (doc) => {
        doc.name = 'Renamed';
      });
    });
    act(() => {
      store.getState().select({ nodes: [] });
    });
    expect(store.getState().doc.name).toBe('Renamed');
    expect(renders.mock.calls.length).toBe(before);
  });
});
