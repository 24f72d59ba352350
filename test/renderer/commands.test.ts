import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/model/validate.js';
import { COMMANDS, insertNode, runCommand, type CommandContext } from '../../renderer/src/store/commands.js';
import { connect } from '../../renderer/src/store/docOps.js';
import { createEditorStore } from '../../renderer/src/store/editorStore.js';
import { describeShortcut, isTypingTarget, matchesShortcut } from '../../renderer/src/store/keys.js';

function context(): CommandContext {
  return { store: createEditorStore(), view: null, files: null, clipboard: { fragment: null, pastes: 0 } };
}

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('commands', () => {
  it('have unique ids and shortcuts', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const shortcuts = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('copy, paste, paste again: each paste is a new set of nodes further away, selected', () => {
    const ctx = context();
    const a = insertNode(ctx, 'client', { x: 0, y: 0 });
    const b = insertNode(ctx, 'service', { x: 300, y: 0 });
    ctx.store.getState().edit('Connect', (d) => void connect(d, a, b));
    runCommand(ctx, 'edit.selectAll');
    expect(runCommand(ctx, 'edit.copy')).toBe(true);
    runCommand(ctx, 'edit.paste');
    runCommand(ctx, 'edit.paste');
    const { doc, selection } = ctx.store.getState();
    expect(doc.nodes).toHaveLength(6);
    expect(doc.edges).toHaveLength(3);
    expect(selection.nodes).toHaveLength(2);
    const clients = doc.nodes.filter((n) => n.kind === 'client').map((n) => n.position.x);
    expect(clients).toEqual([-88, -56, -24]);
    expect(validateDocument(doc).ok).toBe(true);
    runCommand(ctx, 'edit.undo');
    expect(ctx.store.getState().doc.nodes).toHaveLength(4);
  });

  it('cut removes and paste brings back at the same place', () => {
    const ctx = context();
    const a = insertNode(ctx, 'service', { x: 100, y: 100 });
    const before = ctx.store.getState().doc.nodes[0]!.position;
    ctx.store.getState().select({ nodes: [a] });
    runCommand(ctx, 'edit.cut');
    expect(ctx.store.getState().doc.nodes).toHaveLength(0);
    runCommand(ctx, 'edit.paste');
    expect(ctx.store.getState().doc.nodes[0]!.position).toEqual(before);
  });

  it('duplicate, delete, nudge and select none', () => {
    const ctx = context();
    const a = insertNode(ctx, 'database', { x: 0, y: 0 });
    ctx.store.getState().select({ nodes: [a] });
    runCommand(ctx, 'edit.duplicate');
    expect(ctx.store.getState().doc.nodes).toHaveLength(2);
    const dup = ctx.store.getState().selection.nodes[0]!;
    expect(dup).not.toBe(a);
    runCommand(ctx, 'edit.nudgeRight');
    runCommand(ctx, 'edit.delete');
    expect(ctx.store.getState().doc.nodes.map((n) => n.id)).toEqual([a]);
    runCommand(ctx, 'edit.undo');
    expect(ctx.store.getState().doc.nodes).toHaveLength(2);
    runCommand(ctx, 'edit.deselect');
    expect(ctx.store.getState().selection.nodes).toEqual([]);
  });

  it('disabled commands do not run', () => {
    const ctx = context();
    expect(runCommand(ctx, 'edit.undo')).toBe(false);
    expect(runCommand(ctx, 'edit.delete')).toBe(false);
    expect(runCommand(ctx, 'arrange.align.left')).toBe(false);
    expect(runCommand(ctx, 'no.such.command')).toBe(false);
  });

  it('auto-layout places callers left of the nodes they call, inside their regions, as one undoable step', async () => {
    const ctx = context();
    const region = insertNode(ctx, 'region', { x: 1000, y: 1000 });
    const client = insertNode(ctx, 'client', { x: 1200, y: 1300 });
    const lb = insertNode(ctx, 'loadBalancer', { x: 900, y: 950 });
    const svc = insertNode(ctx, 'service', { x: 800, y: 1100 });
    ctx.store.getState().edit('wire', (d) => {
      connect(d, client, lb);
      connect(d, lb, svc);
    });
    const command = COMMANDS.find((c) => c.id === 'arrange.autoLayout')!;
    await command.run(ctx);
    const { doc } = ctx.store.getState();
    const x = (id: string) => doc.nodes.find((n) => n.id === id)!.position.x;
    expect(x(client)).toBeLessThan(x(lb));
    expect(x(lb)).toBeLessThan(x(svc));
    const r = doc.nodes.find((n) => n.id === region)!;
    const size = r.kind === 'region' ? r.params.size! : { width: 0, height: 0 };
    for (const id of [lb, svc]) {
      const p = doc.nodes.find((n) => n.id === id)!.position;
      expect(p.x).toBeGreaterThanOrEqual(r.position.x);
      expect(p.x + 176).toBeLessThanOrEqual(r.position.x + size.width);
      expect(p.y).toBeGreaterThanOrEqual(r.position.y);
      expect(p.y + 64).toBeLessThanOrEqual(r.position.y + size.height);
    }
    expect(ctx.store.getState().undoLabel).toBe('Auto-layout');
  });
});

describe('shortcuts', () => {
  it('match the keys people press', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matchesShortcut(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(key('Delete'), 'Delete')).toBe(true);
    expect(matchesShortcut(key('n'), 'N')).toBe(true);
    expect(matchesShortcut(key('n', { ctrlKey: true }), 'N')).toBe(false);
    expect(matchesShortcut({ ...key('!', { shiftKey: true }), code: 'Digit1' } as never, 'Shift+1')).toBe(true);
    expect(matchesShortcut(key('+', { shiftKey: true }), '+')).toBe(true);
    expect(matchesShortcut(key('=', { ctrlKey: true }), 'Mod+=')).toBe(true);
  });

  it('leave typing to text fields, and to a slider only the keys that move it', () => {
    const input = (type: string) => Object.assign(document.createElement('input'), { type });
    expect(isTypingTarget(input('text'), 'p')).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'), 'ArrowLeft')).toBe(true);
    expect(isTypingTarget(input('range'), 'p')).toBe(false);
    expect(isTypingTarget(input('range'), 'ArrowLeft')).toBe(true);
    expect(isTypingTarget(input('range'), ' ')).toBe(true);
    expect(isTypingTarget(input('checkbox'), 'Delete')).toBe(false);
    expect(isTypingTarget(document.createElement('div'), 'p')).toBe(false);
  });

  it('are written the way people read them', () => {
    expect(describeShortcut('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(describeShortcut('+')).toBe('+');
    expect(describeShortcut('Delete')).toBe('Delete');
  });
});
