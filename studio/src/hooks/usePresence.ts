import { useCallback, useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { XY } from '../flow/graph.ts';

/** What each editor shares through awareness (never stored): who, where, what is selected or dragged. */
export interface PresenceState {
  user: { name: string; color: string };
  /** The pointer in flow coordinates, or null when off the canvas. */
  cursor: XY | null;
  selection: string[];
  /** Nodes being dragged right now, at their live positions (committed to the document on drop). */
  drag: Record<string, XY> | null;
}

export interface Peer extends PresenceState {
  clientId: number;
}

const COLORS = ['#e5484d', '#0091ff', '#30a46c', '#f76b15', '#8e4ec6', '#d6409f', '#12a594', '#ad7f58'];

export function colorFor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

/** Sends at most one presence update per this many ms (the hub allows bursts, not floods). */
const THROTTLE_MS = 40;

/**
 * Presence on the live draft: this editor's state out (throttled), everyone else's in. Cursors,
 * selections and drags of co-editors show on the canvas from it.
 */
export function usePresence(awareness: Awareness | undefined, user: { name: string } | null) {
  const [peers, setPeers] = useState<Peer[]>([]);
  const pending = useRef<Partial<PresenceState>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!awareness || !user) return;
    awareness.setLocalState({
      user: { name: user.name, color: colorFor(`${user.name}:${awareness.clientID}`) },
      cursor: null,
      selection: [],
      drag: null,
    } satisfies PresenceState);
    let frame = 0;
    const read = () => {
      frame = 0;
      const next: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID || !state || !(state as PresenceState).user) continue;
        next.push({ clientId, ...(state as PresenceState) });
      }
      setPeers(next.sort((a, b) => a.clientId - b.clientId));
    };
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    awareness.on('change', onChange);
    read();
    return () => {
      cancelAnimationFrame(frame);
      awareness.off('change', onChange);
      awareness.setLocalState(null);
    };
  }, [awareness, user]);

  const flush = useCallback(() => {
    timer.current = null;
    if (!awareness?.getLocalState()) return;
    const fields = pending.current;
    pending.current = {};
    awareness.setLocalState({ ...awareness.getLocalState(), ...fields });
  }, [awareness]);

  /** Shares a change of this editor's presence; `now` skips the throttle (a drop, a selection). */
  const share = useCallback(
    (fields: Partial<PresenceState>, now = false) => {
      pending.current = { ...pending.current, ...fields };
      if (now) {
        if (timer.current) clearTimeout(timer.current);
        flush();
      } else if (!timer.current) {
        timer.current = setTimeout(flush, THROTTLE_MS);
      }
    },
    [flush],
  );

  return { peers, share };
}
