import type {
  FlowCreate,
  FlowDiff,
  FlowDraftUpdate,
  FlowEdge,
  FlowNode,
  FlowRecord,
  FlowReplay,
  FlowReplayReport,
  FlowRun,
  FlowSimulate,
  FlowSimulation,
  FlowValidationReport,
  FlowVersion,
  NodeKindCatalog,
} from '@baton/schemas/types';
import { request } from './client.ts';
import type { Page } from './types.ts';

const flowPath = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

/** Every registered node kind (plugins' too) with its data schema and outputs, facts and operators. */
export function getNodeKinds(signal?: AbortSignal): Promise<NodeKindCatalog> {
  return request<NodeKindCatalog>('/api/node-kinds', { signal });
}

export function listFlows(page: { limit?: number; cursor?: string | null; signal?: AbortSignal } = {}) {
  return request<Page<FlowRecord>>('/api/flows', {
    query: { limit: page.limit, cursor: page.cursor },
    signal: page.signal,
  });
}

export function getFlow(id: string, signal?: AbortSignal): Promise<FlowRecord> {
  return request<FlowRecord>(flowPath(id), { signal });
}

export function createFlow(body: FlowCreate): Promise<FlowRecord> {
  return request<FlowRecord>('/api/flows', { method: 'POST', body });
}

export function updateFlow(id: string, patch: FlowDraftUpdate): Promise<FlowRecord> {
  return request<FlowRecord>(flowPath(id), { method: 'PATCH', body: patch });
}

export function deleteFlow(id: string): Promise<void> {
  return request<void>(flowPath(id), { method: 'DELETE' });
}

export function validateGraph(
  graph: { nodes: FlowNode[]; edges: FlowEdge[] },
  signal?: AbortSignal,
): Promise<FlowValidationReport> {
  return request<FlowValidationReport>('/api/flows/validate', { method: 'POST', body: graph, signal });
}

export function publishFlow(id: string, body: { note?: string; enable?: boolean }): Promise<FlowVersion> {
  return request<FlowVersion>(`${flowPath(id)}/publish`, { method: 'POST', body });
}

export function listVersions(id: string, signal?: AbortSignal): Promise<Page<FlowVersion>> {
  return request<Page<FlowVersion>>(`${flowPath(id)}/versions`, { signal });
}

export function getVersion(id: string, version: number, signal?: AbortSignal): Promise<FlowVersion> {
  return request<FlowVersion>(`${flowPath(id)}/versions/${version}`, { signal });
}

/** What changed from version `from` to version `to` (0: the draft). */
export function diffFlow(id: string, from: number, to: number, signal?: AbortSignal): Promise<FlowDiff> {
  return request<FlowDiff>(`${flowPath(id)}/diff`, { query: { from, to }, signal });
}

export function enableFlow(id: string, version?: number): Promise<FlowRecord> {
  return request<FlowRecord>(`${flowPath(id)}/enable`, {
    method: 'POST',
    body: version ? { version } : {},
  });
}

/**
 * How many of the flow's live runs keep their full trace, in percent (null: the server's default),
 * for `forMinutes` (then the server's default applies again) or, without it, until changed.
 */
export function setFlowTracing(id: string, percent: number | null, forMinutes?: number): Promise<FlowRecord> {
  return request<FlowRecord>(`${flowPath(id)}/tracing`, {
    method: 'POST',
    body: forMinutes === undefined ? { percent } : { percent, forMinutes },
  });
}

export function disableFlow(id: string): Promise<FlowRecord> {
  return request<FlowRecord>(`${flowPath(id)}/disable`, { method: 'POST', body: {} });
}

export function simulateFlow(id: string, body: FlowSimulate): Promise<FlowSimulation> {
  return request<FlowSimulation>(`${flowPath(id)}/simulate`, { method: 'POST', body });
}

export function replayFlow(id: string, body: FlowReplay): Promise<FlowReplayReport> {
  return request<FlowReplayReport>(`${flowPath(id)}/replay`, { method: 'POST', body });
}

export function listFlowRuns(id: string, limit = 20, signal?: AbortSignal): Promise<Page<FlowRun>> {
  return request<Page<FlowRun>>(`${flowPath(id)}/runs`, { query: { limit }, signal });
}
