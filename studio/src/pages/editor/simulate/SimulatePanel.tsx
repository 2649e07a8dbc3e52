import type { FlowNode, FlowSimulate, FlowSimulation, NodeKindDescription } from '@baton/schemas/types';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { SegmentedChoice } from '../../../components/SegmentedChoice.tsx';
import { outputHandles } from '../../../flow/handles.ts';
import type { TraceOverlay } from '../../../flow/overlay.ts';
import { useIssueList } from '../../../hooks/useIssueList.ts';
import { useSimulateFlow } from '../../../hooks/useSimulateFlow.ts';
import { TraceSummary } from './TraceSummary.tsx';

const SAMPLE = JSON.stringify(
  {
    subject: 'Checkout is down for all our users',
    body: 'Payments fail with a 500 since this morning.',
    channel: 'email',
    priority: 'high',
    tags: ['billing'],
    customer: { tier: 'enterprise' },
  },
  null,
  2,
);

const SOURCES = [
  { value: 'stored', label: 'Stored issue' },
  { value: 'pasted', label: 'Paste an issue' },
] as const;

interface Props {
  flowId: string;
  nodes: FlowNode[];
  kinds: Map<string, NodeKindDescription>;
  trace: TraceOverlay | null;
  onTrace(trace: TraceOverlay | null): void;
  onFocusNode(id: string): void;
}

export function toTrace(result: FlowSimulation, title: string): TraceOverlay {
  return {
    type: 'trace',
    source: 'simulation',
    title,
    status: result.status,
    path: result.path,
    steps: result.steps,
    effects: result.effects,
    ...(result.outcome ? { outcome: result.outcome } : {}),
    ...(result.waiting ? { waiting: result.waiting } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Runs the draft on a stored or pasted issue, without side effects, and lays its path on the canvas. */
export function SimulatePanel({ flowId, nodes, kinds, trace, onTrace, onFocusNode }: Props) {
  const [source, setSource] = useState<'stored' | 'pasted'>('stored');
  const [issueId, setIssueId] = useState('');
  const [pasted, setPasted] = useState(SAMPLE);
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [waits, setWaits] = useState<Record<string, string>>({});
  const issues = useIssueList({}, 50);
  const simulate = useSimulateFlow(flowId);
  const trigger = nodes.find((n) => kinds.get(n.type)?.category === 'trigger');
  const events = Array.isArray((trigger?.data as { events?: unknown } | undefined)?.events)
    ? ((trigger!.data as { events: unknown[] }).events.filter((e) => typeof e === 'string') as string[])
    : [];
  const [event, setEvent] = useState('');
  const chosenIssue = issueId || issues.data?.[0]?.id || '';

  const run = (withWaits: Record<string, string>) => {
    setPasteError(null);
    let body: FlowSimulate;
    let title: string;
    if (source === 'stored') {
      if (!chosenIssue) return;
      body = { issueId: chosenIssue };
      title = issues.data?.find((i) => i.id === chosenIssue)?.subject ?? chosenIssue;
    } else {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(pasted);
      } catch (error) {
        setPasteError(`The pasted issue is not JSON: ${(error as Error).message}`);
        return;
      }
      if (!parsed || typeof parsed !== 'object' || typeof parsed.subject !== 'string') {
        setPasteError('The pasted issue needs at least a "subject" (text).');
        return;
      }
      const { customer, ...issue } = parsed;
      body = {
        issue: issue as FlowSimulate['issue'] & object,
        ...(customer && typeof customer === 'object' ? { customer: customer as Record<string, never> } : {}),
      } as FlowSimulate;
      title = String(parsed.subject);
    }
    const chosenEvent = event || events[0];
    if (chosenEvent) body = { ...body, event: chosenEvent };
    if (Object.keys(withWaits).length) body = { ...body, waits: withWaits };
    simulate.mutate(body, { onSuccess: (result) => onTrace(toTrace(result, title)) });
  };

  const waitingNode = trace?.waiting ? nodes.find((n) => n.id === trace.waiting!.nodeId) : undefined;
  const waitHandles = waitingNode ? outputHandles(kinds.get(waitingNode.type), waitingNode.data) : [];

  return (
    <section className="side-section" aria-label="Simulate">
      <p className="muted small">Runs the draft as it is now on one issue. Nothing is changed or sent.</p>
      <SegmentedChoice
        label="Issue to simulate on"
        name="sim-source"
        options={SOURCES}
        value={source}
        onChange={(next) => setSource(next)}
      />
      {source === 'stored' ? (
        <label className="field">
          <span className="field-label">Issue</span>
          <select value={chosenIssue} onChange={(e) => setIssueId(e.target.value)} aria-label="Stored issue">
            {(issues.data ?? []).map((issue) => (
              <option key={issue.id} value={issue.id}>
                [{issue.priority}] {issue.subject}
              </option>
            ))}
          </select>
          {issues.data?.length === 0 && <span className="muted small">No issues stored yet: paste one.</span>}
        </label>
      ) : (
        <label className="field">
          <span className="field-label">Issue as JSON (an optional "customer" object sets its customer)</span>
          <textarea
            className="mono"
            rows={10}
            spellCheck={false}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            aria-label="Pasted issue"
          />
        </label>
      )}
      {events.length > 1 && (
        <label className="field">
          <span className="field-label">Event</span>
          <select value={event || events[0]} onChange={(e) => setEvent(e.target.value)}>
            {events.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
      )}
      <div className="side-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={simulate.isPending}
          onClick={() => {
            setWaits({});
            run({});
          }}
        >
          {simulate.isPending ? 'Running…' : 'Run simulation'}
        </button>
        {trace && (
          <button type="button" className="button" onClick={() => onTrace(null)}>
            Clear path
          </button>
        )}
      </div>
      {pasteError && (
        <p className="field-error" role="alert">
          {pasteError}
        </p>
      )}
      {simulate.error && <ErrorNotice error={simulate.error} title="The simulation did not run" compact />}
      {trace && <TraceSummary trace={trace} nodes={nodes} onFocusNode={onFocusNode} />}
      {trace?.waiting && waitHandles.length > 0 && (
        <div className="sim-waits">
          <span className="muted small">Continue past the wait by:</span>
          {waitHandles.map((h) => (
            <button
              key={h.id}
              type="button"
              className="button button-small"
              onClick={() => {
                const next = { ...waits, [trace.waiting!.nodeId]: h.id };
                setWaits(next);
                run(next);
              }}
            >
              {h.label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
