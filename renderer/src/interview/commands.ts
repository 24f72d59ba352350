import type { Command, CommandContext } from '../store/commands.js';
import { interviewFor } from './interviewStore.js';
import { endInterview, finishInterview } from './interviewActions.js';

const session = (ctx: CommandContext) => interviewFor(ctx.store).getState().session;
const active = (ctx: CommandContext) =>
  session(ctx)?.status === 'active' && !interviewFor(ctx.store).getState().finishing;

/** The interview's commands (menu Interview, the session strip and the keyboard dispatch the same ones). */
export const INTERVIEW_COMMANDS: Command[] = [
  {
    id: 'interview.start',
    label: 'Mock interview…',
    group: 'Interview',
    run: ({ store }) => store.getState().openDialog('interview'),
  },
  {
    id: 'interview.pause',
    label: 'Pause or resume the clock',
    group: 'Interview',
    shortcuts: ['Alt+P'],
    enabled: active,
    run: (ctx) => {
      const interview = interviewFor(ctx.store).getState();
      if (interview.session?.runningSince === null) interview.resume();
      else interview.pause();
    },
  },
  {
    id: 'interview.dealDrill',
    label: 'Deal a drill…',
    group: 'Interview',
    shortcuts: ['Alt+R'],
    enabled: active,
    run: (ctx) => interviewFor(ctx.store).getState().setDrillMenuOpen(true),
  },
  {
    id: 'interview.interviewerView',
    label: 'Interviewer view',
    group: 'Interview',
    shortcuts: ['Alt+I'],
    enabled: (ctx) => session(ctx)?.status === 'active',
    run: (ctx) => {
      const interview = interviewFor(ctx.store).getState();
      const on = !interview.session?.interviewerView;
      interview.setInterviewerView(on);
      ctx.store
        .getState()
        .notify(on ? 'Interviewer view: hints hidden, the rubric shown live' : 'Candidate view: hints available');
    },
  },
  {
    id: 'interview.finish',
    label: 'Finish and score…',
    group: 'Interview',
    enabled: active,
    run: (ctx) => finishInterview(ctx),
  },
  {
    id: 'interview.end',
    label: 'End the interview…',
    group: 'Interview',
    enabled: (ctx) => session(ctx) !== null,
    run: (ctx) => void endInterview(ctx),
  },
];
