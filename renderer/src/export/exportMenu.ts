import type { MenuItem } from '../shell/Menu.js';

/**
 * The Export menu: the dialog, each format preset, the report, import and recording. A command the app does not
 * have is left out of the menu when it is drawn.
 */
export const EXPORT_MENU: MenuItem[] = [
  { command: 'file.export' },
  'separator',
  { command: 'file.exportPng' },
  { command: 'file.exportSvg' },
  { command: 'file.exportMermaid' },
  { command: 'file.exportDrawio' },
  { command: 'file.exportReport', label: 'Report (HTML)…' },
  { command: 'file.exportReportMarkdown', label: 'Report (Markdown)…' },
  'separator',
  { command: 'file.import' },
  'separator',
  { command: 'sim.recordGif' },
  { command: 'sim.recordWebm' },
];
