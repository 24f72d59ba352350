import type { Command } from '../store/commands.js';
import { exportReport } from './exportReport.js';

/**
 * Exporting the simulation report of the current document and its run settings: a self-contained HTML page, or
 * Markdown. Menus and the dashboard find these by id.
 */
export const REPORT_COMMANDS: Command[] = [
  {
    id: 'file.exportReport',
    label: 'Export report…',
    group: 'File',
    enabled: ({ store }) => store.getState().doc.nodes.length > 0,
    run: ({ store }) => exportReport(store, 'html'),
  },
  {
    id: 'file.exportReportMarkdown',
    label: 'Export report as Markdown…',
    group: 'File',
    enabled: ({ store }) => store.getState().doc.nodes.length > 0,
    run: ({ store }) => exportReport(store, 'markdown'),
  },
];
