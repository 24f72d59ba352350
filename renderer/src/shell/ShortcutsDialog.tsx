import { COMMANDS, type Command } from '../store/commands.js';
import { describeShortcut } from '../store/keys.js';
import { useCommandContext } from '../store/useEditor.js';
import { Dialog } from './Dialog.js';

const GESTURES: [string, string][] = [
  ['Drag on empty canvas', 'Box select'],
  ['Shift/Ctrl + click', 'Add to or remove from the selection'],
  ['Space + drag, middle or right drag', 'Pan'],
  ['Scroll / Ctrl + scroll, pinch', 'Pan / zoom'],
  ['Drag from a node’s right handle to another node', 'Connect (source calls target)'],
  ['Drop a node into a region', 'Put it in the region (drag it out to take it out)'],
  ['Drop a sidecar on a service', 'Attach it (drag it away to detach)'],
  ['Double-click a note', 'Edit its text'],
  ['Right-click', 'Context menu'],
];

/** The cheat sheet (`?`): every command with a shortcut, and the mouse gestures. */
export function ShortcutsDialog() {
  const { store } = useCommandContext();
  const groups = new Map<string, Command[]>();
  for (const c of COMMANDS) if (c.shortcuts?.length) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => store.getState().openDialog(null)} className="bp-shortcuts">
      <div className="bp-shortcut-columns">
        {[...groups].map(([group, commands]) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {commands.map((c) => (
                <div key={c.id} className="bp-shortcut-row">
                  <dt>{c.label}</dt>
                  <dd>
                    {c.shortcuts!.map((s) => (
                      <kbd key={s}>{describeShortcut(s)}</kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Mouse</h3>
          <dl>
            {GESTURES.map(([gesture, what]) => (
              <div key={gesture} className="bp-shortcut-row">
                <dt>{what}</dt>
                <dd>{gesture}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
