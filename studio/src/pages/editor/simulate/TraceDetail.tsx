import type { NodeTrace } from '../../../flow/overlay.ts';
import { humanize } from '../../../lib/format.ts';
import { ConditionTraceTree } from './ConditionTraceTree.tsx';
import { TraceFields, TraceValue } from './TraceValue.tsx';

type Detail = Record<string, unknown>;

/** Conditions inside a step's typed trace, wherever the kind put them (`condition`, `cases[].condition`). */
function conditionsIn(detail: Detail): { key: string; condition: Detail }[] {
  const found: { key: string; condition: Detail }[] = [];
  const visit = (value: unknown, key: string, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 4) return;
    const v = value as Detail;
    if ('conditions' in v && 'result' in v && typeof v.conditions === 'object') {
      found.push({ key, condition: v });
      return;
    }
    for (const [k, child] of Object.entries(v))
      visit(child, Array.isArray(v) ? `${key} ${Number(k) + 1}` : k, depth + 1);
  };
  visit(detail, 'condition', 0);
  return found;
}

/** What one node did in the shown run: handle taken, conditions with the facts they saw, effects. */
export function TraceDetail({
  trace,
  handleLabel = (id) => id,
}: {
  trace: NodeTrace;
  /** The output a step took, by the name the canvas shows on it (a switch case's label, "True"). */
  handleLabel?: (handle: string) => string;
}) {
  return (
    <section className="trace-detail" aria-label="Trace of this node">
      <h3 className="trace-heading">In this run (step {trace.order.join(', ')})</h3>
      {trace.steps.map((step) => {
        const detail = (step.detail ?? {}) as Detail;
        const conditions = conditionsIn(detail);
        const facts = conditions.flatMap((c) =>
          Object.entries((c.condition.facts as Detail | undefined) ?? {}),
        );
        const { kind: _kind, condition: _c, ...rest } = detail;
        return (
          <div key={`${step.at}-${step.nodeId}-${step.handle}`} className="trace-step">
            <div className="trace-row">
              <span className="muted">Took</span>{' '}
              {step.handle ? (
                <span className="trace-handle">{handleLabel(step.handle)}</span>
              ) : (
                <em>no output (stopped here)</em>
              )}
              {step.durationUs !== undefined && (
                <span className="muted small"> · {(step.durationUs / 1000).toFixed(1)} ms</span>
              )}
              {step.resumed && <span className="muted small"> · resumed</span>}
            </div>
            {step.error && <p className="field-error">{step.error}</p>}
            {!step.detail && step.durationUs === undefined && !step.error && (
              <p className="muted small trace-path-only">
                Full trace not recorded: this live run kept only the path it took. To see what each condition
                saw, simulate the issue, or have the flow's next runs keep their full trace (Runs tab).
              </p>
            )}
            {conditions.map((c) => (
              <div key={c.key} className="trace-cond">
                <div className="muted small">{humanize(c.key)}</div>
                <ConditionTraceTree condition={c.condition.conditions} />
              </div>
            ))}
            {facts.length > 0 && (
              <div className="trace-facts">
                <div className="muted small">Facts seen</div>
                <dl>
                  {facts.map(([k, v]) => (
                    <div key={k}>
                      <dt>{humanize(k)}</dt>
                      <dd>
                        <TraceValue value={v} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            )}
            {Object.keys(rest).length > 0 && conditions.length === 0 && <TraceFields fields={rest} />}
          </div>
        );
      })}
      {trace.effects.length > 0 && (
        <div className="trace-effects">
          <div className="muted small">Would do</div>
          <ul>
            {trace.effects.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: effects have no ids
              <li key={i}>
                {humanize(e.action)}{' '}
                {e.changes ? (
                  <TraceFields fields={e.changes as Record<string, unknown>} />
                ) : e.params ? (
                  <TraceFields fields={e.params as Record<string, unknown>} />
                ) : null}
                {!e.applied && <span className="muted small"> (dry run)</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
