import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { setCollabCookie } from '../auth/collabCookie.ts';
import { session } from '../auth/session.ts';

/** Where the live draft connection stands, as a person needs to know it. */
export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'offline' }
  | { state: 'closed'; code: number; reason: string };

export interface FlowDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * The live draft `flow:<id>` on the hub, through the stock y-websocket client: one Y.Doc per open
 * editor, synced with everyone else editing it. `synced` turns true once the server's state arrived
 * (before that the canvas shows nothing rather than an empty flow).
 */
export function useFlowDocument(flowId: string) {
  const [live, setLive] = useState<FlowDocument | null>(null);
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const token = session.token();
    if (token) setCollabCookie(token);
    const doc = new Y.Doc();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, `flow:${flowId}`, doc, {
      // Every change goes through the hub, which checks who may write; tabs do not bypass it.
      disableBc: true,
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
    };
  }, [flowId]);

  return { live, status, synced };
}
