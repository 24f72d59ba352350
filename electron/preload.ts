/**
 * The preload: runs before the page in an isolated, sandboxed context and exposes `window.backpressure`, one named
 * function per IPC channel (`BackpressureBridge` in `shared/ipc.ts`), never `ipcRenderer` itself. Listeners get
 * the payload only, never Electron's event object. Bundled to CommonJS (`dist/electron/preload.cjs`): a sandboxed
 * preload cannot be an ES module and can require nothing but `electron`. It imports only types from the contract,
 * so the schemas (and zod) stay in the main process, where the checking happens.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type {
  BackpressureBridge,
  IpcChannel,
  IpcEventChannel,
  IpcEvents,
  IpcRequest,
  IpcResponses,
  IpcResult,
} from '../shared/ipc.js';

async function invoke<C extends IpcChannel>(channel: C, payload: IpcRequest<C>): Promise<IpcResponses[C]> {
  const result = (await ipcRenderer.invoke(channel, payload)) as IpcResult<IpcResponses[C]>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function subscribe<C extends IpcEventChannel>(channel: C) {
  return (listener: (payload: IpcEvents[C]) => void): (() => void) => {
    const wrapped = (_event: unknown, payload: IpcEvents[C]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: BackpressureBridge = {
  ready: (commands) => invoke('app:ready', { commands }),
  openDialog: () => invoke('file:open', {}),
  openPath: (path) => invoke('file:openPath', { path }),
  save: (path, text) => invoke('file:save', { path, text }),
  saveAs: (suggestedName, text) => invoke('file:saveAs', { suggestedName, text }),
  exportSave: (suggestedName, data, filters) => invoke('file:exportSave', { suggestedName, data, filters }),
  recentFiles: () => invoke('recent:list', {}),
  clearRecentFiles: () => invoke('recent:clear', {}),
  writeAutosave: (record) => invoke('autosave:write', record),
  recoverAutosave: () => invoke('autosave:recover', {}),
  discardAutosave: () => invoke('autosave:discard', {}),
  setDocumentState: (state) => invoke('window:setDocumentState', state),
  closeWindow: () => invoke('window:close', {}),
  cancelClose: () => invoke('window:cancelClose', {}),
  nativeEdit: (action) => invoke('edit:native', { action }),
  confirm: (question) => invoke('dialog:confirm', question),
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]);
    } catch {
      return '';
    }
  },
  onMenuCommand: subscribe('menu:command'),
  onFileOpened: subscribe('file:opened'),
  onBeforeClose: subscribe('app:beforeClose'),
  onNotice: subscribe('app:notice'),
};

contextBridge.exposeInMainWorld('backpressure', bridge);
