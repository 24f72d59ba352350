import type { Command, CommandContext } from '../store/commands.js';
import type { ExportFormat } from './exportFormats.js';
import { exportSession, type RecordingKind } from './exportSession.js';

const hasContent = ({ store }: CommandContext) => {
  const { doc } = store.getState();
  return doc.nodes.length + doc.notes.length > 0;
};

function openExport(format: ExportFormat | null): Command['run'] {
  return ({ store }) => {
    exportSession.setState({ exportPreset: format });
    store.getState().openDialog('export');
  };
}

function openRecord(kind: RecordingKind): Command['run'] {
  return ({ store }) => {
    exportSession.setState({ recordKind: kind });
    store.getState().openDialog('record');
  };
}

/** Export, import and recording: each opens its dialog (a format chosen from the menu opens it preset). */
export const EXPORT_COMMANDS: Command[] = [
  {
    id: 'file.export',
    label: 'Export…',
    group: 'File',
    shortcuts: ['Mod+E'],
    enabled: hasContent,
    run: openExport(null),
  },
  { id: 'file.exportPng', label: 'PNG image…', group: 'File', enabled: hasContent, run: openExport('png') },
  { id: 'file.exportSvg', label: 'SVG image…', group: 'File', enabled: hasContent, run: openExport('svg') },
  { id: 'file.exportMermaid', label: 'Mermaid…', group: 'File', enabled: hasContent, run: openExport('mermaid') },
  { id: 'file.exportDrawio', label: 'draw.io…', group: 'File', enabled: hasContent, run: openExport('drawio') },
  {
    id: 'file.import',
    label: 'Import…',
    group: 'File',
    shortcuts: ['Mod+I'],
    run: ({ store }) => {
      exportSession.setState({ importSource: null });
      store.getState().openDialog('import');
    },
  },
  {
    id: 'sim.recordGif',
    label: 'Record GIF…',
    group: 'File',
    enabled: ({ store }) => store.getState().doc.nodes.length > 0,
    run: openRecord('gif'),
  },
  {
    id: 'sim.recordWebm',
    label: 'Record video (WebM)…',
    group: 'File',
    enabled: ({ store }) => store.getState().doc.nodes.length > 0,
    run: openRecord('webm'),
  },
];
