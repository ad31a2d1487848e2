/**
 * The queue's store for this view, with the live stream running while it is shown.
 * Supervisors start on the analysts' queue (they switch to the abuse queue); other
 * roles get their scope from the server.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { call, reportUnauthorized } from '../api.js';
import type { Me } from '../shell/context.js';
import { runLiveStream, type LiveStatus } from './live.js';
import { createQueueStore, type QueueState, type QueueStore } from './queue-store.js';

export function useLiveQueue(me: Me): { store: QueueStore; state: QueueState; live: LiveStatus } {
  const [store] = useState(() =>
    createQueueStore({
      call: (path) => call(path),
      initialQueue: me.roles.includes('supervisor') ? 'analyst' : null,
    }),
  );
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [live, setLive] = useState<LiveStatus>({ state: 'connecting', reconnect: false });

  useEffect(() => {
    const controller = new AbortController();
    let opened = false;
    // The lists are read when the stream opens (so that no event falls between); if it
    // cannot open, they are read anyway.
    void runLiveStream(controller.signal, {
      onEvent: store.onStreamEvent,
      onOpen: (resumed) => {
        opened = true;
        store.onStreamOpen(resumed);
      },
      onStatus: (status) => {
        setLive(status);
        if (!opened && (status.state === 'waiting' || status.state === 'stopped')) {
          opened = true;
          void store.loadFirstPages();
        }
      },
      onUnauthorized: reportUnauthorized,
    });
    return () => controller.abort();
  }, [store]);

  return { store, state, live };
}
