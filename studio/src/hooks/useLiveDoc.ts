import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { collabProtocols } from '../auth/collabProtocols.ts';
import { session } from '../auth/session.ts';

/** Where a live document's connection stands, as a person needs to know it. */
export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'offline' }
  | { state: 'closed'; code: number; reason: string };

export interface LiveDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * A live document on the hub (`flow:<id>` for the editor's draft, `issue:<id>` for a workspace, …)
 * through the stock y-websocket client: one Y.Doc per mounted view, synced with everyone else who has
 * it open. `synced` turns true once the server's state arrived, so nothing shows an empty flow or
 * workspace that is merely still loading.
 */
export function useLiveDoc(name: string | null) {
  const [live, setLive] = useState<LiveDoc | null>(null);
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    if (!name) return;
    const doc = new Y.Doc();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // Every change goes through the hub, which checks who may write; tabs do not bypass it.
    const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, name, doc, {
      disableBc: true,
      protocols: collabProtocols(session.token()),
    });
    setLive({ doc, provider });
    setSynced(false);
    setStatus({ state: 'connecting' });
    provider.on('status', ({ status: s }: { status: string }) => {
      if (s === 'connected') setStatus({ state: 'live' });
      else if (s === 'disconnected')
        setStatus((prev) => (prev.state === 'closed' ? prev : { state: 'offline' }));
      else setStatus((prev) => (prev.state === 'closed' ? prev : { state: 'connecting' }));
    });
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    });
    provider.on('closed', (event: { code: number; reason: string }) =>
      setStatus({ state: 'closed', code: event.code, reason: event.reason }),
    );
    return () => {
      provider.destroy();
      doc.destroy();
      setLive(null);
    };
  }, [name]);

  return { live, status, synced };
}
