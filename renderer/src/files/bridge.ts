import type { BackpressureBridge } from '../../../shared/ipc.js';

export type { BackpressureBridge } from '../../../shared/ipc.js';

/**
 * The desktop shell's bridge (`window.backpressure`, exposed by the Electron preload), or null in a browser. The
 * app chooses its file operations, autosave and menus by this one test.
 */
export function desktopBridge(host: object = globalThis): BackpressureBridge | null {
  const bridge = (host as { backpressure?: Partial<BackpressureBridge> }).backpressure;
  return bridge && typeof bridge.ready === 'function' && typeof bridge.openDialog === 'function'
    ? (bridge as BackpressureBridge)
    : null;
}
