/**
 * Simulates a playbook on a clock of its own: every workstream walked through the graph, each step
 * a person does taking half its window (or, for the steps named `late`, passing its window — which
 * escalates — and done a quarter-window after), waits taking their duration, forks running their
 * branches side by side and joins waiting for the last. Nothing is stored or sent; the designer sees
 * when each step would start, be due and be done, and which windows are met.
 *
 * Branches that are decided by people or by data take the handle named in `outcomes` (on a node's
 * first visit; later visits take the first handle, so a refusal loop ends), else the first one.
 */
import type { FlowDocument } from '@baton/schemas';
import { parseDuration } from '../engine/duration.ts';
import { type NodeKindRegistry, outputHandles } from '../engine/registry.ts';
import { HUMAN_KINDS } from './kinds.ts';

export interface SimulatedStep {
  nodeId: string;
  type: string;
  title: string;
  automatic: boolean;
  lane?: string;
  role?: string;
  /** Milliseconds after the playbook's start. */
  startMs: number;
  dueMs?: number;
  doneMs: number;
  missed: boolean;
  /** When the window passed and the step escalated (tasks and receipts). */
  escalatesAtMs?: number;
  handle: string | null;
}

export interface PlaybookSimulation {
  steps: SimulatedStep[];
  /** When the last workstream ended. */
  totalMs: number;
  outcome: 'completed' | 'stopped';
  /** Why it stopped (too many steps, a missing node). */
  problem?: string;
}

export interface SimulateOptions {
  outcomes?: Record<string, string>;
  late?: string[];
}

const MAX_STEPS = 500;

interface Token {
  nodeId: string;
  at: number;
  groups: string[];
  lane?: string;
}

export function simulatePlaybook(
  doc: FlowDocument,
  kinds: NodeKindRegistry,
  options: SimulateOptions = {},
): PlaybookSimulation {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string>();
  for (const e of doc.edges) next.set(`${e.source}\u0000${e.sourceHandle}`, e.target);
  const late = new Set(options.late ?? []);
  const visits = new Map<string, number>();
  const steps: SimulatedStep[] = [];
  const trigger = doc.nodes.find((n) => kinds.get(n.type)?.category === 'trigger');
  if (!trigger) return { steps, totalMs: 0, outcome: 'stopped', problem: 'the playbook has no trigger' };

  const work: Token[] = [{ nodeId: trigger.id, at: 0, groups: [] }];
  /** Arrivals at joins, by fork group. */
  const arrived = new Map<string, { count: number; at: number; joinId: string }>();
  const groupSize = new Map<string, number>();
  let totalMs = 0;
  let count = 0;

  const follow = (token: Token, nodeId: string, handle: string | null, at: number) => {
    totalMs = Math.max(totalMs, at);
    const target = handle === null ? undefined : next.get(`${nodeId}\u0000${handle}`);
    if (target) work.push({ ...token, nodeId: target, at });
    else leave(token, at);
  };
  // A workstream that ends without reaching its join still counts as arrived.
  const leave = (token: Token, at: number) => {
    const group = token.groups.at(-1);
    if (!group) return;
    const mark = arrived.get(group) ?? { count: 0, at: 0, joinId: '' };
    mark.count++;
    mark.at = Math.max(mark.at, at);
    arrived.set(group, mark);
    release(token, group, mark);
  };
  const release = (token: Token, group: string, mark: { count: number; at: number; joinId: string }) => {
    if (mark.count < (groupSize.get(group) ?? 0) || !mark.joinId) return;
    arrived.delete(group);
    const merged: Token = { nodeId: mark.joinId, at: mark.at, groups: token.groups.slice(0, -1) };
    steps.push(auto(mark.joinId, 'next', mark.at, merged));
    follow(merged, mark.joinId, 'next', mark.at);
  };
  const auto = (nodeId: string, handle: string | null, at: number, token: Token): SimulatedStep => {
    const node = nodes.get(nodeId)!;
    return {
      nodeId,
      type: node.type,
      title: node.label ?? nodeId,
      automatic: true,
      ...(token.lane ? { lane: token.lane } : {}),
      startMs: at,
      doneMs: at,
      missed: false,
      handle,
    };
  };

  while (work.length) {
    if (++count > MAX_STEPS)
      return { steps, totalMs, outcome: 'stopped', problem: `stopped after ${MAX_STEPS} steps: a loop?` };
    work.sort((a, b) => a.at - b.at);
    const token = work.shift()!;
    const node = nodes.get(token.nodeId);
    if (!node)
      return {
        steps,
        totalMs,
        outcome: 'stopped',
        problem: `an edge leads to a missing node ${token.nodeId}`,
      };
    const kind = kinds.get(node.type);
    const data = node.data as Record<string, unknown>;
    const visit = (visits.get(node.id) ?? 0) + 1;
    visits.set(node.id, visit);
    const handles = kind ? outputHandles(kind, data) : [];
    const chosen = (fallback: string | null) => {
      const named = visit === 1 ? options.outcomes?.[node.id] : undefined;
      return named && handles.includes(named) ? named : fallback;
    };

    if (node.type === 'end') {
      steps.push(auto(node.id, null, token.at, token));
      leave(token, token.at);
      totalMs = Math.max(totalMs, token.at);
      continue;
    }
    if (node.type === 'fork') {
      steps.push(auto(node.id, null, token.at, token));
      const group = `${node.id}#${visit}`;
      groupSize.set(group, handles.length);
      const branches = (data.branches as Array<{ id: string; label: string }> | undefined) ?? [];
      for (const handle of handles) {
        const lane = branches.find((b) => b.id === handle)?.label ?? handle;
        follow(
          { nodeId: node.id, at: token.at, groups: [...token.groups, group], lane },
          node.id,
          handle,
          token.at,
        );
      }
      continue;
    }
    if (node.type === 'join') {
      const group = token.groups.at(-1);
      if (!group) {
        follow(token, node.id, 'next', token.at);
        continue;
      }
      const mark = arrived.get(group) ?? { count: 0, at: 0, joinId: node.id };
      mark.count++;
      mark.at = Math.max(mark.at, token.at);
      mark.joinId = node.id;
      arrived.set(group, mark);
      release(token, group, mark);
      continue;
    }
    if (HUMAN_KINDS.has(node.type)) {
      steps.push(humanStep(node.id, node.type, data, token, late.has(node.id), chosen, handles));
      const step = steps.at(-1)!;
      follow(token, node.id, step.handle, step.doneMs);
      continue;
    }
    if (node.type === 'wait') {
      const ms = data.mode === 'duration' ? (parseDuration(String(data.duration)) ?? 0) : 0;
      const handle = chosen(handles[0] ?? null);
      steps.push({ ...auto(node.id, handle, token.at, token), doneMs: token.at + ms });
      follow(token, node.id, handle, token.at + ms);
      continue;
    }
    const handle = chosen(handles[0] ?? null);
    if (kind?.category !== 'trigger' && kind?.category !== 'logic')
      steps.push(auto(node.id, handle, token.at, token));
    follow(token, node.id, handle, token.at);
  }
  return { steps, totalMs, outcome: 'completed' };

  function humanStep(
    nodeId: string,
    type: string,
    data: Record<string, unknown>,
    token: Token,
    isLate: boolean,
    chosen: (fallback: string | null) => string | null,
    handles: string[],
  ): SimulatedStep {
    const node = nodes.get(nodeId)!;
    const start = token.at;
    const window = data.window as { within?: string; from?: string } | undefined;
    let due: number | undefined;
    if (window?.within) due = (window.from === 'playbook' ? 0 : start) + (parseDuration(window.within) ?? 0);
    const deadline = parseDuration(String(data.replyWithin ?? data.waitFor ?? '')) ?? undefined;
    if (deadline !== undefined) due = start + deadline;
    const span = due === undefined ? 0 : Math.max(0, due - start);
    const base: SimulatedStep = {
      nodeId,
      type,
      title: String(data.title ?? node.label ?? nodeId),
      automatic: false,
      ...(token.lane ? { lane: token.lane } : {}),
      ...(typeof data.role === 'string' ? { role: data.role } : type === 'consult' ? { role: 'expert' } : {}),
      startMs: start,
      ...(due !== undefined ? { dueMs: due } : {}),
      doneMs: start,
      missed: false,
      handle: null,
    };
    // A consultation or satisfaction check past its deadline takes its timeout handle.
    if (deadline !== undefined) {
      const timeout = type === 'consult' ? 'unanswered' : 'no-answer';
      if (isLate) return { ...base, doneMs: due!, missed: true, handle: timeout };
      return { ...base, doneMs: start + span / 2, handle: chosen(handles[0] ?? null) };
    }
    const pastAlready = due !== undefined && due <= start;
    if (isLate || pastAlready) {
      const escalatesAt = due ?? start;
      return {
        ...base,
        doneMs: Math.max(start, escalatesAt) + Math.max(span / 4, 5 * 60_000),
        missed: due !== undefined,
        ...(due !== undefined ? { escalatesAtMs: Math.max(start, escalatesAt) } : {}),
        handle: chosen(handles[0] ?? null),
      };
    }
    return { ...base, doneMs: start + span / 2, handle: chosen(handles[0] ?? null) };
  }
}
