/**
 * The queue's store for this view, kept live by the workbench's one stream (live/hub.ts)
 * while it is shown. Supervisors start on the analysts' queue (they switch to the abuse
 * queue); other roles get their scope from the server.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { call } from '../api.js';
import { useLiveHub } from '../live/LiveHubProvider.js';
import type { LiveStatus } from '../live/stream.js';
import type { Me } from '../shell/context.js';
import { createQueueStore, type QueueState, type QueueStore } from './queue-store.js';

export function useLiveQueue(me: Me): { store: QueueStore; state: QueueState; live: LiveStatus } {
  const [store] = useState(() =>
    createQueueStore({
      call: (path) => call(path),
      initialQueue: me.roles.includes('supervisor') ? 'analyst' : null,
    }),
  );
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const hub = useLiveHub();
  const [live, setLive] = useState<LiveStatus>({ state: 'connecting', reconnect: false });

  useEffect(() => {
    if (!hub) {
      void store.loadFirstPages();
      return;
    }
    let opened = false;
    // The lists are read when the stream opens, or at once when it is open already (so
    // that no event falls between); if it cannot open, they are read anyway.
    return hub.subscribe({
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
    });
  }, [store, hub]);

  return { store, state, live };
}
