import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, registerIpc, type IpcEventLike, type IpcHandlers } from '../../electron/ipcRouter.js';
import { isAppUrl, resolveStartTarget } from '../../electron/security.js';
import { IPC_CHANNELS, IPC_REQUEST_SCHEMAS } from '../../shared/ipc.js';

const start = resolveStartTarget(undefined, '/opt/backpressure/dist/web');
const APP_URL = 'app://backpressure/index.html';
const WINDOW_ID = 7;

const appEvent = (url = APP_URL, id = WINDOW_ID): IpcEventLike => ({ senderFrame: { url }, sender: { id } });

/** Handlers that record what reached them. */
function recordingHandlers() {
  const calls: { channel: string; payload: unknown }[] = [];
  const handlers = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      (payload: unknown) => {
        calls.push({ channel, payload });
        return channel === 'file:save' ? { path: '/tmp/a.bp.json', name: 'a.bp.json' } : null;
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}

function router(handlers: IpcHandlers = recordingHandlers().handlers) {
  const warn = vi.fn();
  const r = createIpcRouter({
    handlers,
    isTrustedSender: (event) => event.sender.id === WINDOW_ID && isAppUrl(event.senderFrame?.url, start),
    warn,
  });
  return { router: r, warn };
}

describe('IPC router', () => {
  it('runs the handler of a known channel with the parsed payload', async () => {
    const { handlers, calls } = recordingHandlers();
    const { router: r } = router(handlers);
    const result = await r.dispatch('file:save', appEvent(), { path: '/home/ada/a.bp.json', text: '{}' });
    expect(result).toEqual({ ok: true, value: { path: '/tmp/a.bp.json', name: 'a.bp.json' } });
    expect(calls).toEqual([{ channel: 'file:save', payload: { path: '/home/ada/a.bp.json', text: '{}' } }]);
  });

  it('refuses unknown channels, including names inherited from Object', async () => {
    const { handlers, calls } = recordingHandlers();
    const { router: r, warn } = router(handlers);
    for (const channel of ['shell:openExternal', 'fs:readFile', '__proto__', 'constructor', 'toString', '']) {
      const result = await r.dispatch(channel, appEvent(), {});
      expect(result).toEqual({ ok: false, error: expect.stringContaining('unknown IPC channel') });
    }
    expect(calls).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(6);
  });

  it('refuses foreign senders: another page, another window, a destroyed frame', async () => {
    const { handlers, calls } = recordingHandlers();
    const { router: r } = router(handlers);
    const payload = { path: '/home/ada/a.bp.json', text: '{}' };
    const foreign = [
      appEvent('https://evil.example/'),
      appEvent(pathToFileURL('/opt/backpressure/dist/web/index.html').href),
      appEvent('app://backpressure/other.html'),
      appEvent('devtools://devtools/bundled/inspector.html'),
      appEvent(APP_URL, WINDOW_ID + 1),
      { senderFrame: null, sender: { id: WINDOW_ID } },
    ];
    for (const event of foreign) {
      const result = await r.dispatch('file:save', event, payload);
      expect(result).toEqual({ ok: false, error: expect.stringContaining('not the app') });
    }
    expect(calls).toEqual([]);
  });

  it('refuses payloads the schema rejects, saying why', async () => {
    const { handlers, calls } = recordingHandlers();
    const { router: r } = router(handlers);
    const bad: [string, unknown, RegExp][] = [
      ['file:save', { path: 'relative/a.bp.json', text: '{}' }, /path: must be an absolute path/],
      ['file:save', { path: '/a\0.bp.json', text: '{}' }, /NUL/],
      ['file:save', { path: '/a.bp.json' }, /text/],
      ['file:save', { path: '/a.bp.json', text: '{}', mode: 0o777 }, /mode|unrecognized/i],
      ['file:save', '/a.bp.json', /expected object/i],
      ['file:saveAs', { suggestedName: '../../etc/passwd', text: '' }, /without folders/],
      ['file:exportSave', { suggestedName: 'a.png', data: 42, filters: [] }, /data/],
      [
        'file:exportSave',
        { suggestedName: 'a.png', data: '', filters: [{ name: 'x', extensions: ['.png'] }] },
        /extension/,
      ],
      ['window:setDocumentState', { title: 'x', dirty: 'yes', filePath: null }, /dirty/],
      ['dialog:confirm', { kind: 'format-disk', name: 'x' }, /kind|discriminator|Invalid input/i],
      ['edit:native', { action: 'print' }, /action/],
      ['recent:list', { extra: true }, /extra|unrecognized/i],
      ['app:ready', { commands: 'all' }, /commands/],
    ];
    for (const [channel, payload, reason] of bad) {
      const result = await r.dispatch(channel, appEvent(), payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) expect(result.error).toMatch(reason);
    }
    expect(calls).toEqual([]);
  });

  it('answers a failing handler with its message, not a stack trace', async () => {
    const { handlers } = recordingHandlers();
    handlers['file:open'] = () => {
      throw new Error('Cannot open “a.bp.json”: permission denied');
    };
    const { router: r } = router(handlers);
    expect(await r.dispatch('file:open', appEvent(), {})).toEqual({
      ok: false,
      error: 'Cannot open “a.bp.json”: permission denied',
    });
  });

  it('registers every channel of the contract on ipcMain, and nothing else', async () => {
    const registered = new Map<string, (event: IpcEventLike, payload: unknown) => Promise<unknown>>();
    registerIpc({ handle: (channel, listener) => registered.set(channel, listener) }, router().router);
    expect([...registered.keys()].sort()).toEqual(Object.keys(IPC_REQUEST_SCHEMAS).sort());
    expect(await registered.get('recent:list')!(appEvent(), {})).toEqual({ ok: true, value: null });
    expect(await registered.get('recent:list')!(appEvent('https://evil.example/'), {})).toMatchObject({ ok: false });
  });
});
