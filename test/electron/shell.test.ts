import { describe, expect, it, vi } from 'vitest';
import { createCloseGuard } from '../../electron/closeGuard.js';
import { questionFor } from '../../electron/dialogs.js';
import { filtersFor, handleDownloads, type DownloadItemLike } from '../../electron/downloads.js';
import { claimSingleInstance, type SingleInstanceApp } from '../../electron/singleInstance.js';

const event = () => ({ preventDefault: vi.fn() });

function guard(alive = true) {
  const options = { askRenderer: vi.fn(), rendererAlive: vi.fn(() => alive), closeWindow: vi.fn(), quit: vi.fn() };
  return { guard: createCloseGuard(options), ...options };
}

describe('close guard', () => {
  it('lets a window without unsaved changes close', () => {
    const { guard: g, askRenderer } = guard();
    const e = event();
    g.onWindowClose(e);
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(askRenderer).not.toHaveBeenCalled();
  });

  it('holds the close while there are unsaved changes and asks the renderer once', () => {
    const { guard: g, askRenderer, closeWindow } = guard();
    g.setDirty(true);
    const first = event();
    const again = event();
    g.onWindowClose(first);
    g.onWindowClose(again);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(again.preventDefault).toHaveBeenCalled();
    expect(askRenderer).toHaveBeenCalledExactlyOnceWith('close');
    g.confirmed();
    expect(closeWindow).toHaveBeenCalledOnce();
    const last = event();
    g.onWindowClose(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('keeps the window open when the user cancels, and asks again next time', () => {
    const { guard: g, askRenderer, closeWindow } = guard();
    g.setDirty(true);
    g.onWindowClose(event());
    g.cancelled();
    const e = event();
    g.onWindowClose(e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(askRenderer).toHaveBeenCalledTimes(2);
    expect(closeWindow).not.toHaveBeenCalled();
  });

  it('holds a quit the same way, then quits', () => {
    const { guard: g, askRenderer, quit } = guard();
    g.setDirty(true);
    const e = event();
    g.onBeforeQuit(e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(askRenderer).toHaveBeenCalledWith('quit');
    expect(g.quitting).toBe(false);
    g.confirmed();
    expect(quit).toHaveBeenCalledOnce();
    expect(g.quitting).toBe(true);
  });

  it('never traps the user behind a crashed page', () => {
    const { guard: g, askRenderer } = guard(false);
    g.setDirty(true);
    const e = event();
    g.onWindowClose(e);
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(askRenderer).not.toHaveBeenCalled();
  });
});

describe('questions', () => {
  it('asks to save with Save, Don’t Save and Cancel, Cancel being the escape', () => {
    const q = questionFor({ kind: 'unsaved', name: 'Checkout', action: 'quit' }, String);
    expect(q.box.message).toBe('Save the changes to “Checkout” before quitting?');
    expect(q.box.buttons).toEqual(['Save', 'Don’t Save', 'Cancel']);
    expect(q.answers[q.box.cancelId]).toBe('cancel');
    expect(q.answers[q.box.defaultId]).toBe('save');
  });

  it('offers recovery with the time of the autosave', () => {
    const q = questionFor({ kind: 'recover', name: 'Checkout', savedAt: 42 }, (ms) => `t=${ms}`);
    expect(q.box.detail).toContain('t=42');
    expect(q.answers).toEqual(['restore', 'discard']);
    expect(q.answers[q.box.cancelId]).toBe('discard');
  });
});

describe('downloads', () => {
  function download(url: string, name: string) {
    const item = { getURL: () => url, getFilename: () => name, cancel: vi.fn(), setSaveDialogOptions: vi.fn() };
    let listener: ((e: unknown, item: DownloadItemLike) => void) | undefined;
    handleDownloads({ on: (_event, l) => (listener = l) }, () => '/home/ada/Documents');
    listener!({}, item);
    return item;
  }

  it('turns the page’s exports into a native save dialog with a filter for the type', () => {
    const item = download('blob:file:///0f3c', 'checkout.png');
    expect(item.cancel).not.toHaveBeenCalled();
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith({
      title: 'Export',
      defaultPath: '/home/ada/Documents/checkout.png',
      filters: [
        { name: 'PNG image', extensions: ['png'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(filtersFor('report.html')[0]).toEqual({ name: 'HTML report', extensions: ['html'] });
  });

  it('cancels downloads from the network', () => {
    expect(download('https://evil.example/payload.exe', 'payload.exe').cancel).toHaveBeenCalled();
  });
});

describe('single instance', () => {
  it('quits a second launch and hands its arguments to the first', () => {
    const listeners: ((e: unknown, argv: string[], cwd: string) => void)[] = [];
    const app = (locked: boolean): SingleInstanceApp => ({
      requestSingleInstanceLock: () => locked,
      quit: vi.fn(),
      on: (_event, listener) => listeners.push(listener),
    });
    const second = app(false);
    expect(claimSingleInstance(second, vi.fn())).toBe(false);
    expect(second.quit).toHaveBeenCalled();

    const onSecondLaunch = vi.fn();
    const first = app(true);
    expect(claimSingleInstance(first, onSecondLaunch)).toBe(true);
    listeners[0]!({}, ['backpressure', 'shop.bp.json'], '/home/ada');
    expect(onSecondLaunch).toHaveBeenCalledWith(['backpressure', 'shop.bp.json'], '/home/ada');
    expect(first.quit).not.toHaveBeenCalled();
  });
});
