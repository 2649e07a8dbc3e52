import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { LiveStatus } from '../hooks/useLiveDoc.ts';
import { useLiveDoc } from '../hooks/useLiveDoc.ts';
import { colorFor } from '../hooks/usePresence.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Who I am in the workspace, as entries and presence name me. */
export interface WorkspaceMe {
  id: string;
  name: string;
  agentId?: string;
}

/** What each person shares through awareness (never stored): who, and where they are working. */
export interface WorkspacePresence {
  user: { name: string; color: string; id: string };
  /** The part of the workspace they are in ("notes", "comments", …), or null. */
  focus: string | null;
}

export interface Peer extends WorkspacePresence {
  clientId: number;
}

export interface Workspace {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  status: LiveStatus;
  synced: boolean;
  me: WorkspaceMe;
  peers: Peer[];
  setFocus(focus: string | null): void;
  notes?: Y.Text;
  comments?: Y.Map<unknown>;
  annotations?: Y.Map<unknown>;
  decisions?: Y.Map<unknown>;
  files?: Y.Map<unknown>;
}

const WorkspaceCtx = createContext<Workspace | null>(null);

/** The issue's shared workspace, `issue:<id>` on the hub, for everything on the issue page. */
export function WorkspaceProvider({
  issueId,
  me,
  children,
}: {
  issueId: string;
  me: WorkspaceMe;
  children: ReactNode;
}) {
  const { live, status, synced } = useLiveDoc(`issue:${issueId}`);
  const [peers, setPeers] = useState<Peer[]>([]);
  const awareness = live?.provider.awareness ?? null;
  const queryClient = useQueryClient();

  // Comments and decisions are mirrored into the timeline by the hub: once one arrives (from anyone),
  // re-read the timeline shortly after, so it shows there too without a reload.
  useEffect(() => {
    if (!live || !synced) return;
    const mirrored = [live.doc.getMap('comments'), live.doc.getMap('decisions')];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => void queryClient.invalidateQueries({ queryKey: queryKeys.issueTimeline(issueId) }),
        1200,
      );
    };
    for (const map of mirrored) map.observe(refresh);
    return () => {
      clearTimeout(timer);
      for (const map of mirrored) map.unobserve(refresh);
    };
  }, [live, synced, issueId, queryClient]);

  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalState({
      user: { name: me.name, id: me.id, color: colorFor(`${me.id}:${awareness.clientID}`) },
      focus: null,
    } satisfies WorkspacePresence);
    const read = () => {
      const next: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID || !(state as WorkspacePresence | null)?.user) continue;
        next.push({ clientId, ...(state as WorkspacePresence) });
      }
      setPeers(next.sort((a, b) => a.clientId - b.clientId));
    };
    awareness.on('change', read);
    read();
    return () => {
      awareness.off('change', read);
      awareness.setLocalState(null);
    };
  }, [awareness, me.id, me.name]);

  const value = useMemo<Workspace>(() => {
    const doc = synced && live ? live.doc : null;
    return {
      doc,
      awareness,
      status,
      synced,
      me,
      peers,
      setFocus(focus) {
        const local = awareness?.getLocalState();
        if (local && local.focus !== focus) awareness?.setLocalState({ ...local, focus });
      },
      ...(doc
        ? {
            notes: doc.getText('notes'),
            comments: doc.getMap('comments'),
            annotations: doc.getMap('annotations'),
            decisions: doc.getMap('decisions'),
            files: doc.getMap('files'),
          }
        : {}),
    };
  }, [live, awareness, status, synced, me, peers]);

  return <WorkspaceCtx.Provider value={value}>{children}</WorkspaceCtx.Provider>;
}

/** The workspace of the issue on screen, or null outside an issue page (the timeline elsewhere). */
export function useWorkspace(): Workspace | null {
  return useContext(WorkspaceCtx);
}

/** A new entry id, unique within its map (the schema allows letters, digits, `_ . : -`). */
export function entryId(): string {
  return crypto.randomUUID();
}
