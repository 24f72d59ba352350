/**
 * The desktop app's IPC contract: every channel between the renderer (through the preload's bridge) and the
 * Electron main process, with a zod schema for each request payload and the type of each answer.
 *
 * The main process parses every payload with `IPC_REQUEST_SCHEMAS` before acting and refuses channels that are
 * not in it; the preload exposes one named function per channel (`BackpressureBridge`), never `ipcRenderer`
 * itself. Every answer is an `IpcResult`, so a refusal reaches the renderer as a readable message.
 */
import { z } from 'zod';

/** The largest document or export accepted over IPC: far above any real topology, well below memory trouble. */
export const IPC_MAX_BYTES = 64 * 1024 * 1024;
/** Paths longer than this are refused (Windows long paths stay under it; Linux PATH_MAX is 4096). */
const MAX_PATH = 4096;

const noNul = (s: string) => !s.includes('\0');

const filePath = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine(noNul, 'must not contain NUL characters')
  .refine((s) => s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), 'must be an absolute path');

/** A bare file name (no folder), as suggested to a save dialog. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => noNul(s) && !/[\\/]/.test(s), 'must be a file name without folders');

const documentText = z.string().max(IPC_MAX_BYTES);
const empty = z.object({}).strict();

/** A save dialog's file type filter, e.g. `{ name: 'PNG image', extensions: ['png'] }`. */
const fileFilter = z
  .object({
    name: z.string().min(1).max(100),
    extensions: z
      .array(z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'must be an extension without the dot'))
      .min(1)
      .max(10),
  })
  .strict();

/** Commands the renderer has, so the native menu shows what exists, with the renderer's labels and keys. */
const menuCommand = z
  .object({
    id: z.string().min(1).max(100),
    label: z.string().min(1).max(100),
    shortcut: z.string().min(1).max(40).optional(),
  })
  .strict();

/** Why the renderer is asked whether to save first. */
export const UNSAVED_ACTIONS = ['close', 'quit', 'open', 'new'] as const;
/** The renderer's answer to "save your changes first?". */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/** Schemas of the request payload of every renderer → main channel. Every payload is one object. */
export const IPC_REQUEST_SCHEMAS = {
  /** The renderer is up: it sends its commands (for the menu) and gets what the main process kept for it. */
  'app:ready': z.object({ commands: z.array(menuCommand).max(500) }).strict(),
  /** Native open dialog; the answer is the file read, or null when the user cancelled. */
  'file:open': empty,
  /** Opens a file by path: a recent file, or one dropped on the window. */
  'file:openPath': z.object({ path: filePath }).strict(),
  /** Writes the document back to a file this session opened or saved (atomically). */
  'file:save': z.object({ path: filePath, text: documentText }).strict(),
  /** Native save dialog, then an atomic write; null when cancelled. */
  'file:saveAs': z.object({ suggestedName: fileName, text: documentText }).strict(),
  /** Native save dialog for an export (image, text, report); null when cancelled. */
  'file:exportSave': z
    .object({
      suggestedName: fileName,
      data: z.union([z.string().max(IPC_MAX_BYTES), z.instanceof(Uint8Array)]),
      filters: z.array(fileFilter).max(8),
    })
    .strict()
    .refine((v) => typeof v.data === 'string' || v.data.byteLength <= IPC_MAX_BYTES, 'data is too large'),
  'recent:list': empty,
  'recent:clear': empty,
  /** Keeps a copy of the unsaved document in the app's data folder (never the user's file). */
  'autosave:write': z.object({ text: documentText, name: z.string().max(300), filePath: filePath.nullable() }).strict(),
  /** The autosave left by a session that did not end cleanly, if any; asked once at start. */
  'autosave:recover': empty,
  'autosave:discard': empty,
  /** What the window shows and guards: its title, whether there are unsaved changes, the file. */
  'window:setDocumentState': z
    .object({ title: z.string().max(300), dirty: z.boolean(), filePath: filePath.nullable() })
    .strict(),
  /** The renderer dealt with unsaved changes (saved or discarded them): the window may close now. */
  'window:close': empty,
  /** The renderer let the close (or quit) be cancelled: forget that one was asked for. */
  'window:cancelClose': empty,
  /** A text-editing key chosen from the macOS menu while a text field has the focus: do the native edit. */
  'edit:native': z.object({ action: z.enum(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) }).strict(),
  /** A native question box: save changes first, or restore work after a crash. */
  'dialog:confirm': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unsaved'), name: z.string().max(300), action: z.enum(UNSAVED_ACTIONS) }).strict(),
    z
      .object({ kind: z.literal('recover'), name: z.string().max(300), savedAt: z.number().finite().nonnegative() })
      .strict(),
  ]),
} as const;

/** Every renderer → main channel. */
export type IpcChannel = keyof typeof IPC_REQUEST_SCHEMAS;
/** The list of channels, for the main process to register and the tests to walk. */
export const IPC_CHANNELS = Object.keys(IPC_REQUEST_SCHEMAS) as IpcChannel[];

/** The payload of a channel, as its schema accepts it. */
export type IpcRequest<C extends IpcChannel> = z.infer<(typeof IPC_REQUEST_SCHEMAS)[C]>;

/** A file read from disk, with the path the main process will save it back to. */
export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}

/** A file written by the main process. */
export interface SavedFile {
  path: string;
  name: string;
}

/** A recently opened or saved document. */
export interface RecentFile {
  path: string;
  name: string;
}

/** What the autosave kept from a session that ended without closing cleanly. */
export interface RecoveredAutosave {
  text: string;
  name: string;
  /** The user's file this work belongs to; it was not written. */
  filePath: string | null;
  /** Milliseconds since the epoch, when the copy was written. */
  savedAt: number;
}

/** The answer of every renderer → main channel. */
export interface IpcResponses {
  'app:ready': { platform: string; version: string };
  'file:open': OpenedFile | null;
  'file:openPath': OpenedFile;
  'file:save': SavedFile;
  'file:saveAs': SavedFile | null;
  'file:exportSave': SavedFile | null;
  'recent:list': RecentFile[];
  'recent:clear': null;
  'autosave:write': null;
  'autosave:recover': RecoveredAutosave | null;
  'autosave:discard': null;
  'window:setDocumentState': null;
  'window:close': null;
  'window:cancelClose': null;
  'edit:native': null;
  'dialog:confirm': UnsavedAnswer | 'restore';
}

/** How every invoke answers: the value, or why it was refused or failed (a sentence for people). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Main → renderer messages and their payloads. */
export interface IpcEvents {
  /** A native menu item was chosen: run this command. */
  'menu:command': { id: string };
  /** A file to open: given on the command line, by a second launch, by the OS (open-file) or from Open Recent. */
  'file:opened': OpenedFile;
  /** The user closes the window or quits with unsaved changes: ask, then call `closeWindow` or `cancelClose`. */
  'app:beforeClose': { action: 'close' | 'quit' };
  /** Something the user should read (a file given on the command line could not be opened). */
  'app:notice': { message: string; level: 'info' | 'error' };
}

/** Every main → renderer channel. */
export type IpcEventChannel = keyof IpcEvents;
export const IPC_EVENT_CHANNELS: readonly IpcEventChannel[] = [
  'menu:command',
  'file:opened',
  'app:beforeClose',
  'app:notice',
];

/**
 * What the preload exposes to the renderer as `window.backpressure`: named functions only. Each returns the
 * channel's answer or throws an Error with the main process's message.
 */
export interface BackpressureBridge {
  ready(commands: IpcRequest<'app:ready'>['commands']): Promise<IpcResponses['app:ready']>;
  openDialog(): Promise<OpenedFile | null>;
  openPath(path: string): Promise<OpenedFile>;
  save(path: string, text: string): Promise<SavedFile>;
  saveAs(suggestedName: string, text: string): Promise<SavedFile | null>;
  exportSave(
    suggestedName: string,
    data: IpcRequest<'file:exportSave'>['data'],
    filters: IpcRequest<'file:exportSave'>['filters'],
  ): Promise<SavedFile | null>;
  recentFiles(): Promise<RecentFile[]>;
  clearRecentFiles(): Promise<null>;
  writeAutosave(record: IpcRequest<'autosave:write'>): Promise<null>;
  recoverAutosave(): Promise<RecoveredAutosave | null>;
  discardAutosave(): Promise<null>;
  setDocumentState(state: IpcRequest<'window:setDocumentState'>): Promise<null>;
  closeWindow(): Promise<null>;
  cancelClose(): Promise<null>;
  nativeEdit(action: IpcRequest<'edit:native'>['action']): Promise<null>;
  confirm(question: IpcRequest<'dialog:confirm'>): Promise<IpcResponses['dialog:confirm']>;
  /** The path of a file dropped on the window (Electron's `webUtils.getPathForFile`); '' when it has none. */
  pathForFile(file: unknown): string;
  onMenuCommand(listener: (payload: IpcEvents['menu:command']) => void): () => void;
  onFileOpened(listener: (payload: IpcEvents['file:opened']) => void): () => void;
  onBeforeClose(listener: (payload: IpcEvents['app:beforeClose']) => void): () => void;
  onNotice(listener: (payload: IpcEvents['app:notice']) => void): () => void;
}
