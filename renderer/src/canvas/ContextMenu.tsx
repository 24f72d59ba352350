import { useEffect, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Point } from '../../../shared/model/types.js';
import { MenuList, type MenuItem } from '../shell/Menu.js';
import { insertNode } from '../store/commands.js';
import { addNote, moveNodes } from '../store/docOps.js';
import { NODE_SIZE } from '../store/geometry.js';
import { edgeFaults, nodeFaults } from '../sim/faultMenu.js';
import { useSimClient } from '../sim/useSimulation.js';
import { useCommandContext } from '../store/useEditor.js';

export interface ContextMenuState {
  x: number;
  y: number;
  /** Where the menu was opened, in canvas coordinates (where "add here" puts things). */
  flow: Point;
  target:
    | { kind: 'pane' }
    | { kind: 'selection' }
    | { kind: 'node'; id: string }
    | { kind: 'edge'; id: string }
    | { kind: 'note'; id: string };
}

const ARRANGE: MenuItem[] = [
  { command: 'arrange.align.left' },
  { command: 'arrange.align.centerX' },
  { command: 'arrange.align.top' },
  { command: 'arrange.align.centerY' },
  { command: 'arrange.distribute.x' },
  { command: 'arrange.distribute.y' },
];

/** Right-click menu on the canvas, a node, an edge, a note or a selection. */
export function ContextMenu({ state, onClose }: { state: ContextMenuState; onClose: () => void }) {
  const ctx = useCommandContext();
  const sim = useSimClient();
  const box = useRef<HTMLDivElement>(null);
  // Keep the whole menu on screen: open it up or left of the pointer when it would overflow.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const w = globalThis.innerWidth;
    const h = globalThis.innerHeight;
    if (r.right > w - 4) el.style.left = `${Math.max(4, state.x - r.width)}px`;
    if (r.bottom > h - 4) el.style.top = `${Math.max(4, h - r.height - 4)}px`;
  }, [state.x, state.y]);

  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    globalThis.addEventListener('pointerdown', away, true);
    return () => globalThis.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const { target, flow } = state;
  const items: MenuItem[] = [];
  if (target.kind === 'pane') {
    items.push(
      { command: 'edit.paste' },
      'separator',
      { label: 'Add service here', run: () => insertNode(ctx, 'service', flow) },
      { label: 'Add region here', run: () => insertNode(ctx, 'region', flow) },
      {
        label: 'Add sticky note here',
        run: () => {
          let id = '';
          ctx.store.getState().edit('Add note', (d) => {
            id = addNote(d, flow);
          });
          ctx.store.getState().select({ notes: [id] });
        },
      },
      'separator',
      { command: 'edit.selectAll' },
      { command: 'arrange.autoLayout' },
      { command: 'view.fit' },
    );
  } else {
    items.push(
      { command: 'edit.cut' },
      { command: 'edit.copy' },
      { command: 'edit.duplicate' },
      { command: 'edit.delete' },
    );
    const node = target.kind === 'node' ? ctx.store.getState().doc.nodes.find((n) => n.id === target.id) : undefined;
    if (node?.kind === 'sidecar' && node.params.attachedTo !== undefined)
      items.push('separator', {
        label: 'Detach from service',
        run: () =>
          ctx.store
            .getState()
            .edit('Detach sidecar', (d) =>
              moveNodes(d, new Map([[node.id, { x: node.position.x + NODE_SIZE.width + 48, y: node.position.y }]])),
            ),
      });
    const doc = ctx.store.getState().doc;
    const faults =
      target.kind === 'node' ? nodeFaults(doc, target.id) : target.kind === 'edge' ? edgeFaults(doc, target.id) : [];
    if (faults.length > 0)
      items.push(
        'separator',
        ...faults.map((f) => ({
          label: f.label,
          run: () => {
            const snap = sim.getSnapshot();
            const running = snap.status !== 'idle' && snap.status !== 'failed' && sim.runDocument !== null;
            const fault = f.make(running ? Math.round(snap.timeMs) : 0);
            // In a run the fault starts now and is written into the document when the core has taken it; before
            // a run it goes straight into the document, from the start.
            if (running) sim.inject(fault);
            else ctx.store.getState().edit(`Add ${fault.kind} fault`, (d) => void d.faults.push(fault));
          },
        })),
      );
    if (target.kind === 'selection' || ctx.store.getState().selection.nodes.length > 1)
      items.push('separator', ...ARRANGE);
  }
  // In the page's body, so that no panel beside the canvas (the inspector) can paint over it.
  return createPortal(
    <div className="bp-context-menu" ref={box} style={{ left: state.x, top: state.y }}>
      <MenuList items={items} onDone={onClose} label="Context menu" />
    </div>,
    globalThis.document.body,
  );
}
