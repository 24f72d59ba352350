/**
 * The main process's side of the IPC contract (`shared/ipc.ts`). Every request goes through `dispatch`, which
 * refuses a channel that is not in the contract, a sender that is not the app's own page, and a payload its
 * schema rejects, before a handler runs. Every answer is an `IpcResult`, so the renderer gets a sentence, never a
 * stack trace.
 */
import {
  IPC_CHANNELS,
  IPC_REQUEST_SCHEMAS,
  type IpcChannel,
  type IpcRequest,
  type IpcResponses,
  type IpcResult,
} from '../shared/ipc.js';

/** The part of Electron's `IpcMainInvokeEvent` the router looks at. */
export interface IpcEventLike {
  /** The frame that sent the message; null once it has navigated away or been destroyed. */
  senderFrame: { url: string } | null;
  sender: { id: number };
}

export type IpcHandlers = {
  [C in IpcChannel]: (payload: IpcRequest<C>, event: IpcEventLike) => Promise<IpcResponses[C]> | IpcResponses[C];
};

export interface IpcRouter {
  dispatch(channel: string, event: IpcEventLike, payload: unknown): Promise<IpcResult<unknown>>;
}

const isChannel = (channel: string): channel is IpcChannel => Object.hasOwn(IPC_REQUEST_SCHEMAS, channel);

/** The first problems zod found, as `path: message`. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createIpcRouter(options: {
  handlers: IpcHandlers;
  /** Whether the event comes from the app's own page in one of its windows. */
  isTrustedSender(event: IpcEventLike): boolean;
  /** Where refusals are reported (they mean a bug or an attack, never a user mistake). */
  warn?(message: string): void;
}): IpcRouter {
  const { handlers, isTrustedSender, warn = () => undefined } = options;
  const refuse = (message: string): IpcResult<never> => {
    warn(message);
    return { ok: false, error: message };
  };
  return {
    async dispatch(channel, event, payload) {
      if (!isChannel(channel)) return refuse(`Refused an unknown IPC channel “${channel}”`);
      if (!isTrustedSender(event)) {
        return refuse(`Refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}: not the app`);
      }
      const parsed = IPC_REQUEST_SCHEMAS[channel].safeParse(payload);
      if (!parsed.success) return refuse(`Refused ${channel}: ${describeIssues(parsed.error.issues)}`);
      try {
        const handler = handlers[channel] as (p: unknown, e: IpcEventLike) => Promise<unknown> | unknown;
        return { ok: true, value: await handler(parsed.data, event) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The slice of Electron's `ipcMain` used to register the channels. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
}

/** Registers every channel of the contract, and nothing else, on `ipcMain`. */
export function registerIpc(ipcMain: IpcMainLike, router: IpcRouter): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload) => router.dispatch(channel, event, payload));
  }
}
