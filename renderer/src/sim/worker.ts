/// <reference lib="webworker" />
import type { ToWorker } from './protocol.js';
import { createWorkerHost } from './workerHost.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHost((message, transfer) => scope.postMessage(message, transfer));
scope.addEventListener('message', (event: MessageEvent<ToWorker>) => handle(event.data));
