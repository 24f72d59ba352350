import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SimClient, SimSnapshot } from './simClient.js';

export const SimContext = createContext<SimClient | null>(null);

export function useSimClient(): SimClient {
  const client = useContext(SimContext);
  if (!client) throw new Error('useSimClient must be used inside <SimContext.Provider>');
  return client;
}

/** The simulation's snapshot (status, time, samples, report), refreshed a few times a second while it runs. */
export function useSimSnapshot(): SimSnapshot {
  const client = useSimClient();
  return useSyncExternalStore(client.subscribeSnapshot, client.getSnapshot);
}
