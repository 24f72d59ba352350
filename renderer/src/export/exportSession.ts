import { createStore } from 'zustand/vanilla';
import type { ExportFormat } from './exportFormats.js';

/** A file (or pasted text) waiting for the Import dialog to read it. */
export interface ImportSource {
  name?: string;
  text?: string;
  bytes?: Uint8Array;
}

export type RecordingKind = 'gif' | 'webm';

/**
 * What the export, import and record dialogs are opened with: the format a menu item chose, a file dropped on the
 * canvas. The editor store's `dialog` says which dialog is open; this says what it starts from.
 */
export interface ExportSession {
  exportPreset: ExportFormat | null;
  importSource: ImportSource | null;
  recordKind: RecordingKind;
}

export const exportSession = createStore<ExportSession>()(() => ({
  exportPreset: null,
  importSource: null,
  recordKind: 'gif',
}));
