import type { SlaMetric, SlaMetrics, SlaTargets } from '@baton/schemas/types';
import { DurationInput } from '../../../components/DurationInput.tsx';
import { PRIORITY_LABELS } from '../../../lib/format.ts';
import { METRIC_LABELS, METRICS } from './metrics.ts';

const COLUMNS = ['default', 'low', 'medium', 'high', 'critical'] as const;

/** Targets per measure and priority ("any priority" for those left empty); an empty box means no target. */
export function TargetsTable({ value, onChange }: { value: SlaMetrics; onChange(next: SlaMetrics): void }) {
  const setTarget = (metric: SlaMetric, column: keyof SlaTargets, target: string | undefined) => {
    const current = value[metric] ?? {};
    const targets: SlaTargets = { ...current.targets };
    if (target) targets[column] = target;
    else delete targets[column];
    onChange({ ...value, [metric]: { ...current, targets } });
  };
  const setTracked = (metric: SlaMetric, on: boolean) => {
    const next = { ...value };
    if (on) next[metric] = { targets: {} };
    else delete next[metric];
    onChange(next);
  };
  const setBusiness = (metric: SlaMetric, on: boolean) =>
    onChange({ ...value, [metric]: { ...value[metric], businessHours: on } });

  return (
    <div className="target-list">
      {METRICS.map((metric) => {
        const policy = value[metric];
        return (
          <div key={metric} className="target-row">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={Boolean(policy)}
                onChange={(e) => setTracked(metric, e.target.checked)}
              />{' '}
              <strong>{METRIC_LABELS[metric].title}</strong>{' '}
              <span className="muted small">— {METRIC_LABELS[metric].hint}</span>
            </label>
            {policy && (
              <div className="target-cells">
                {COLUMNS.map((column) => (
                  <div key={column} className="target-cell">
                    <span>{column === 'default' ? 'Any priority' : PRIORITY_LABELS[column]}</span>
                    <DurationInput
                      label={`${METRIC_LABELS[metric].title} target, ${column === 'default' ? 'any priority' : `${column} priority`}`}
                      units={['minutes', 'hours', 'days']}
                      value={policy.targets?.[column]}
                      onChange={(target) => setTarget(metric, column, target)}
                    />
                  </div>
                ))}
                <label className="checkbox target-cell" style={{ justifyContent: 'flex-end' }}>
                  <span>
                    <input
                      type="checkbox"
                      checked={policy.businessHours ?? true}
                      onChange={(e) => setBusiness(metric, e.target.checked)}
                    />{' '}
                    Business hours only
                  </span>
                </label>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
