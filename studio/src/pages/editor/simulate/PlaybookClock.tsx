import type { FlowNode } from '@baton/schemas/types';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../../api/client.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { nodeName } from '../../../flow/graph.ts';
import { ROLE_LABEL, type RoleLane, stepInfo } from '../../../flow/playbook.ts';

interface SimulatedStep {
  nodeId: string;
  type: string;
  title: string;
  automatic: boolean;
  lane?: string;
  role?: string;
  startMs: number;
  dueMs?: number;
  doneMs: number;
  missed: boolean;
  escalatesAtMs?: number;
  handle: string | null;
}

interface Simulation {
  steps: SimulatedStep[];
  totalMs: number;
  outcome: 'completed' | 'stopped';
  problem?: string;
}

/** "+0", "+2 min 30 s", "+1 d 2 h": time since the playbook started. */
function offset(ms: number): string {
  if (ms <= 0) return 'at start';
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, !d && !h && sec && `${sec} s`].filter(
    Boolean,
  );
  return `+${parts.join(' ')}`;
}

/**
 * The playbook on a simulated clock: choose which steps miss their window (and whether the first
 * receipt is refused), then see when each step starts, is due and is done — windows met or missed,
 * when a miss escalates, workstreams side by side — without storing or sending anything.
 */
export function PlaybookClock({
  flowId,
  nodes,
  onFocusNode,
}: {
  flowId: string;
  nodes: FlowNode[];
  onFocusNode(id: string): void;
}) {
  // Left to right, top to bottom: the order the steps are drawn in.
  const steps = nodes
    .filter((n) => {
      const info = stepInfo(n.type, n.data as Record<string, unknown>);
      return info.role || info.window;
    })
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  const receipts = nodes.filter((n) => n.type === 'receipt');
  const [late, setLate] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const simulate = useMutation({
    mutationFn: () =>
      request<Simulation>(`/api/playbooks/${encodeURIComponent(flowId)}/simulate`, {
        method: 'POST',
        body: {
          late,
          ...(refused ? { outcomes: Object.fromEntries(receipts.map((r) => [r.id, 'refused'])) } : {}),
        },
      }),
  });
  const toggle = (id: string) => setLate((l) => (l.includes(id) ? l.filter((x) => x !== id) : [...l, id]));
  const result = simulate.data;

  return (
    <section className="playbook-clock" aria-label="Simulated clock">
      <h3 className="panel-subtitle">Run through the windows</h3>
      <p className="muted small">Every step takes half its window unless you say it misses it.</p>
      <fieldset className="playbook-clock-choices">
        <legend className="visually-hidden">Steps that miss their window</legend>
        {steps.map((n) => (
          <label key={n.id}>
            <input type="checkbox" checked={late.includes(n.id)} onChange={() => toggle(n.id)} />{' '}
            {nodeName(n)} misses its window
          </label>
        ))}
        {receipts.length > 0 && (
          <label>
            <input type="checkbox" checked={refused} onChange={(e) => setRefused(e.target.checked)} /> The
            receiver refuses the first brief
          </label>
        )}
      </fieldset>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={simulate.isPending}
        onClick={() => simulate.mutate()}
      >
        {simulate.isPending ? 'Simulating…' : 'Simulate the clock'}
      </button>
      {simulate.error && <ErrorNotice error={simulate.error} title="Could not simulate" compact />}
      {result && (
        <div className="playbook-clock-result">
          <p className="muted small">
            {result.outcome === 'completed'
              ? `Done ${offset(result.totalMs)} after the start.`
              : `Stopped: ${result.problem ?? 'unknown'}`}
          </p>
          <table className="playbook-clock-table">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Starts</th>
                <th scope="col">Due</th>
                <th scope="col">Done</th>
              </tr>
            </thead>
            <tbody>
              {result.steps
                .filter((s) => !s.automatic)
                .map((s) => (
                  <tr key={`${s.nodeId}@${s.startMs}`} className={s.missed ? 'is-missed' : ''}>
                    <td>
                      <button type="button" className="link-button" onClick={() => onFocusNode(s.nodeId)}>
                        {s.title}
                      </button>
                      <div className="muted small">
                        {[s.role && (ROLE_LABEL[s.role as RoleLane] ?? s.role), s.lane]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    </td>
                    <td>{offset(s.startMs)}</td>
                    <td>{s.dueMs !== undefined ? offset(s.dueMs) : '—'}</td>
                    <td>
                      {offset(s.doneMs)}
                      <div className={s.missed ? 'clock-missed' : 'clock-met'}>
                        {s.missed
                          ? s.escalatesAtMs !== undefined
                            ? `missed · escalates ${offset(s.escalatesAtMs)}`
                            : `missed · ${s.handle ?? ''}`
                          : s.dueMs !== undefined
                            ? 'in time'
                            : (s.handle ?? '')}
                      </div>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
