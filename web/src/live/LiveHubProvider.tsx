/**
 * The workbench's one live hub (hub.ts), made when the signed-in workbench shows and
 * closed when it goes (sign-out, an ended session): views reach it with useLiveHub.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { reportUnauthorized } from '../api.js';
import { createLiveHub, IDLE_MS, type LiveHub } from './hub.js';
import { runLiveStream } from './stream.js';

const LiveHubContext = createContext<LiveHub | null>(null);

/** The hub, or null outside the workbench (a view then does without the stream). */
export const useLiveHub = (): LiveHub | null => useContext(LiveHubContext);

export function LiveHubProvider({ children }: { children: ReactNode }) {
  const [hub] = useState(() =>
    createLiveHub({
      run: (signal, handlers) => runLiveStream(signal, handlers),
      onUnauthorized: reportUnauthorized,
      idleMs: IDLE_MS,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    }),
  );
  useEffect(() => () => hub.close(), [hub]);
  return <LiveHubContext.Provider value={hub}>{children}</LiveHubContext.Provider>;
}
