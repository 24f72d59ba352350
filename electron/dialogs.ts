/**
 * The native question boxes the renderer may ask for (`dialog:confirm`): the text is written here, from checked
 * fields, so the renderer cannot put words in a system dialog. Buttons follow each platform's order through
 * Electron (`defaultId`, `cancelId`).
 */
import type { IpcRequest, IpcResponses } from '../shared/ipc.js';

export interface MessageBoxSpec {
  type: 'warning' | 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

/** A message box and what each of its buttons answers. */
export interface Question {
  box: MessageBoxSpec;
  answers: IpcResponses['dialog:confirm'][];
}

const VERB = { close: 'closing', quit: 'quitting', open: 'opening another document', new: 'starting a new one' };

/** Builds the question for a `dialog:confirm` request. `formatTime` renders the autosave's time for people. */
export function questionFor(request: IpcRequest<'dialog:confirm'>, formatTime: (ms: number) => string): Question {
  if (request.kind === 'unsaved') {
    return {
      box: {
        type: 'warning',
        title: 'Unsaved changes',
        message: `Save the changes to “${request.name}” before ${VERB[request.action]}?`,
        detail: 'Your changes will be lost if you don’t save them.',
        buttons: ['Save', 'Don’t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      },
      answers: ['save', 'discard', 'cancel'],
    };
  }
  return {
    box: {
      type: 'question',
      title: 'Recover unsaved work',
      message: `Backpressure did not close properly. Restore your unsaved work on “${request.name}”?`,
      detail: `It was saved automatically at ${formatTime(request.savedAt)}. Restoring opens it with unsaved changes; your file is not changed until you save.`,
      buttons: ['Restore', 'Discard'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    },
    answers: ['restore', 'discard'],
  };
}
