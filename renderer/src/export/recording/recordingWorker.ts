/// <reference lib="webworker" />
import type { ToWorker } from '../../sim/protocol.js';
import { createRecordingHost } from './recordingHost.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const handle = createRecordingHost((message, transfer) => scope.postMessage(message, transfer));
scope.addEventListener('message', (event: MessageEvent<ToWorker>) => handle(event.data));
