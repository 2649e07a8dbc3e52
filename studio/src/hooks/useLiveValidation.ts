import type { FlowValidationIssue, FlowValidationReport } from '@baton/schemas/types';
import { useEffect, useMemo, useState } from 'react';
import { validateGraph } from '../api/flows.ts';
import type { FlowGraph } from '../flow/graph.ts';

export interface ValidationIndex {
  report: FlowValidationReport | null;
  /** Validating the latest change (a previous report may still show). */
  pending: boolean;
  error: unknown;
  byNode: Map<string, FlowValidationIssue[]>;
  byEdge: Map<string, FlowValidationIssue[]>;
}

const DELAY_MS = 300;

/**
 * The server's validation of the draft as it is being drawn: each change is sent to
 * `POST /api/flows/validate` once editing pauses, and the answer is indexed by node and edge so the
 * canvas can mark exactly what fails, with the server's own messages.
 */
export function useLiveValidation(graph: FlowGraph, ready: boolean): ValidationIndex {
  const [report, setReport] = useState<FlowValidationReport | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!ready) return;
    setPending(true);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      validateGraph({ nodes: graph.nodes, edges: graph.edges }, controller.signal)
        .then((next) => {
          setReport(next);
          setError(null);
          setPending(false);
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setError(err);
          setPending(false);
        });
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [graph.nodes, graph.edges, ready]);

  return useMemo(() => {
    const byNode = new Map<string, FlowValidationIssue[]>();
    const byEdge = new Map<string, FlowValidationIssue[]>();
    for (const issue of [...(report?.errors ?? []), ...(report?.warnings ?? [])]) {
      // An edge problem marks the edge; the node it names is marked only for its own problems.
      if (issue.edgeId) byEdge.set(issue.edgeId, [...(byEdge.get(issue.edgeId) ?? []), issue]);
      else if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    }
    return { report, pending, error, byNode, byEdge };
  }, [report, pending, error]);
}
