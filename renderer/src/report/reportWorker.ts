/// <reference lib="webworker" />
import type { ToReportWorker } from './protocol.js';
import { createReportHost } from './reportHost.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const handle = createReportHost((message) => scope.postMessage(message));
scope.addEventListener('message', (event: MessageEvent<ToReportWorker>) => handle(event.data));
