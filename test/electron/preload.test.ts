import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNELS, IPC_REQUEST_SCHEMAS, type BackpressureBridge, type IpcChannel } from '../../shared/ipc.js';

// The preload as Electron runs it, with the electron module replaced by recorders.
const exposed = new Map<string, unknown>();
const invoked: { channel: string; payload: unknown }[] = [];
const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
let answer: unknown = { ok: true, value: null };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      return answer;
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
  webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
}));

let bridge: BackpressureBridge;
beforeAll(async () => {
  await import('../../electron/preload.js');
  bridge = exposed.get('backpressure') as BackpressureBridge;
});

/** One call of every invoking bridge function, with arguments as the renderer passes them. */
const CALLS: [keyof BackpressureBridge, unknown[], IpcChannel][] = [
  ['ready', [[{ id: 'file.save', label: 'Save', shortcut: 'Mod+S' }]], 'app:ready'],
  ['openDialog', [], 'file:open'],
  ['openPath', ['/home/ada/a.bp.json'], 'file:openPath'],
  ['save', ['/home/ada/a.bp.json', '{}'], 'file:save'],
  ['saveAs', ['a.bp.json', '{}'], 'file:saveAs'],
  ['exportSave', ['a.png', new Uint8Array([137, 80]), [{ name: 'PNG image', extensions: ['png'] }]], 'file:exportSave'],
  ['recentFiles', [], 'recent:list'],
  ['clearRecentFiles', [], 'recent:clear'],
  ['writeAutosave', [{ text: '{}', name: 'Shop', filePath: null }], 'autosave:write'],
  ['recoverAutosave', [], 'autosave:recover'],
  ['discardAutosave', [], 'autosave:discard'],
  ['setDocumentState', [{ title: 'Shop — Backpressure', dirty: true, filePath: null }], 'window:setDocumentState'],
  ['closeWindow', [], 'window:close'],
  ['cancelClose', [], 'window:cancelClose'],
  ['nativeEdit', ['paste'], 'edit:native'],
  ['confirm', [{ kind: 'unsaved', name: 'Shop', action: 'close' }], 'dialog:confirm'],
];

describe('preload bridge', () => {
  it('exposes window.backpressure only, made of named functions (never ipcRenderer)', () => {
    expect([...exposed.keys()]).toEqual(['backpressure']);
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
    expect(Object.keys(bridge)).not.toContain('ipcRenderer');
    expect(Object.keys(bridge)).not.toContain('invoke');
  });

  it('has one function per channel, each sending a payload its schema accepts', async () => {
    expect(new Set(CALLS.map(([, , channel]) => channel))).toEqual(new Set(Object.keys(IPC_REQUEST_SCHEMAS)));
    for (const [name, args, channel] of CALLS) {
      invoked.length = 0;
      await (bridge[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      expect(
        invoked.map((c) => c.channel),
        name,
      ).toEqual([channel]);
      const parsed = IPC_REQUEST_SCHEMAS[channel].safeParse(invoked[0]!.payload);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('returns the value of an answer and throws the message of a refusal', async () => {
    answer = { ok: true, value: [{ path: '/a.bp.json', name: 'a.bp.json' }] };
    await expect(bridge.recentFiles()).resolves.toEqual([{ path: '/a.bp.json', name: 'a.bp.json' }]);
    answer = { ok: false, error: 'Cannot save “a.bp.json”: permission denied' };
    await expect(bridge.save('/a.bp.json', '{}')).rejects.toThrow('Cannot save “a.bp.json”: permission denied');
    answer = { ok: true, value: null };
  });

  it('passes listeners the payload only, and unsubscribes them', () => {
    const subscriptions = {
      'menu:command': bridge.onMenuCommand,
      'file:opened': bridge.onFileOpened,
      'app:beforeClose': bridge.onBeforeClose,
      'app:notice': bridge.onNotice,
    };
    expect(Object.keys(subscriptions).sort()).toEqual([...IPC_EVENT_CHANNELS].sort());
    const seen: unknown[] = [];
    const stop = bridge.onMenuCommand((payload) => seen.push(payload));
    const secretEvent = { sender: { send: () => undefined }, ports: [] };
    for (const l of listeners.get('menu:command') ?? []) l(secretEvent, { id: 'file.save' });
    expect(seen).toEqual([{ id: 'file.save' }]);
    stop();
    expect(listeners.get('menu:command')).toEqual([]);
  });

  it('finds the path of a dropped file, or says it has none', () => {
    expect(bridge.pathForFile({ path: '/home/ada/a.bp.json' })).toBe('/home/ada/a.bp.json');
    expect(bridge.pathForFile({})).toBe('');
  });
});
