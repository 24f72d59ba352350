/**
 * Closing the window or quitting with unsaved changes asks first. The main process knows whether the document is
 * dirty (the renderer reports it with `window:setDocumentState`); when it is, the close is held and the renderer
 * is asked (`app:beforeClose`). The renderer asks the user, saves or discards, then answers with `window:close`
 * or `window:cancelClose`. A renderer that crashed cannot answer, so its window closes at once (the autosave
 * kept the work).
 */

/** The part of an Electron event that lets a listener refuse the action. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface CloseGuard {
  /** The renderer's latest report. */
  setDirty(dirty: boolean): void;
  /** The window's `close` event. */
  onWindowClose(event: PreventableEvent): void;
  /** The app's `before-quit` event. */
  onBeforeQuit(event: PreventableEvent): void;
  /** The renderer dealt with the changes: close (and quit, when quitting). */
  confirmed(): void;
  /** The user chose to stay. */
  cancelled(): void;
  /** The app is quitting for good: nothing is held any more. */
  readonly quitting: boolean;
}

export function createCloseGuard(options: {
  /** Asks the renderer to deal with unsaved changes. */
  askRenderer(action: 'close' | 'quit'): void;
  /** Whether the renderer can answer (it has not crashed or hung for good). */
  rendererAlive(): boolean;
  closeWindow(): void;
  quit(): void;
}): CloseGuard {
  let dirty = false;
  let allowed = false;
  let quitRequested = false;
  let quitting = false;
  let asking = false;

  const hold = (event: PreventableEvent, action: 'close' | 'quit'): boolean => {
    if (allowed || !dirty || !options.rendererAlive()) return false;
    event.preventDefault();
    if (!asking) {
      asking = true;
      options.askRenderer(action);
    }
    return true;
  };

  return {
    get quitting() {
      return quitting;
    },
    setDirty(value) {
      dirty = value;
    },
    onWindowClose(event) {
      if (hold(event, quitRequested ? 'quit' : 'close')) return;
      allowed = true;
    },
    onBeforeQuit(event) {
      quitRequested = true;
      if (hold(event, 'quit')) return;
      quitting = true;
    },
    confirmed() {
      asking = false;
      allowed = true;
      if (quitRequested) {
        quitting = true;
        options.quit();
      } else {
        options.closeWindow();
      }
    },
    cancelled() {
      asking = false;
      quitRequested = false;
    },
  };
}
