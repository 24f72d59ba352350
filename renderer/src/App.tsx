import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas.js';
import { ExportDialog } from './export/ExportDialog.js';
import { ImportDialog } from './export/ImportDialog.js';
import { RecordDialog } from './export/recording/RecordDialog.js';
import { Inspector } from './inspector/Inspector.js';
import { InterviewDialog, InterviewPanel, InterviewStrip } from './interview/InterviewMounts.js';
import { Palette } from './palette/Palette.js';
import { DocumentDialog } from './shell/DocumentDialog.js';
import { NoticeBar } from './shell/NoticeBar.js';
import { ProblemsDialog } from './shell/ProblemsDialog.js';
import { ShortcutsDialog } from './shell/ShortcutsDialog.js';
import { TemplatesDialog } from './shell/TemplatesDialog.js';
import { Toolbar } from './shell/Toolbar.js';
import { useKeyboard } from './shell/useKeyboard.js';
import { usePasteFromOtherWindows } from './shell/usePasteFromOtherWindows.js';
import { SimulationPanel } from './sim/SimulationPanel.js';
import type { SimClient } from './sim/simClient.js';
import { SimContext } from './sim/useSimulation.js';
import type { CommandContext } from './store/commands.js';
import { EditorContext, useEditor } from './store/useEditor.js';

function Dialogs() {
  const dialog = useEditor((s) => s.dialog);
  return (
    <>
      {dialog === 'templates' && <TemplatesDialog />}
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'document' && <DocumentDialog />}
      {dialog === 'export' && <ExportDialog />}
      {dialog === 'import' && <ImportDialog />}
      {dialog === 'record' && <RecordDialog />}
      <ProblemsDialog />
      <InterviewDialog />
    </>
  );
}

function Theme() {
  const theme = useEditor((s) => s.theme);
  useEffect(() => {
    const root = globalThis.document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    try {
      globalThis.localStorage?.setItem('backpressure.theme', theme);
    } catch {
      // storage refused (private mode): the choice lasts for this session
    }
  }, [theme]);
  return null;
}

function Shell({ ctx }: { ctx: CommandContext }) {
  useKeyboard(ctx);
  usePasteFromOtherWindows(ctx);
  return (
    <div className="bp-app">
      <Toolbar />
      <aside className="bp-left" aria-label="Palette">
        <Palette />
      </aside>
      <main className="bp-center">
        <InterviewStrip />
        <div className="bp-canvas-area">
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
          <NoticeBar />
        </div>
        <SimulationPanel />
      </main>
      <aside className="bp-right" aria-label="Inspector">
        <Inspector />
      </aside>
      <InterviewPanel />
      <Dialogs />
      <Theme />
    </div>
  );
}

/** The editor: menu bar, palette, canvas, inspector and the simulation panel around one store. */
export function App({ ctx, sim }: { ctx: CommandContext; sim: SimClient }) {
  return (
    <EditorContext.Provider value={ctx}>
      <SimContext.Provider value={sim}>
        <Shell ctx={ctx} />
      </SimContext.Provider>
    </EditorContext.Provider>
  );
}
