import type { SlaMetric, SlaMetrics, SlaTargets } from '@baton/schemas/types';
import { PRIORITY_LABELS } from '../../../lib/format.ts';
import { DurationInput } from '../common/DurationInput.tsx';
import { METRIC_LABELS, METRICS } from './metrics.ts';

const COLUMNS = ['default', 'low', 'medium', 'high', 'critical'] as const;

/** Targets per metric (rows) and priority (columns); an empty box means "no target". */
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
    <table className="table target-table" aria-label="Targets">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c === 'default' ? 'Any priority' : PRIORITY_LABELS[c]}
            </th>
          ))}
          <th scope="col">Business hours only</th>
        </tr>
      </thead>
      <tbody>
        {METRICS.map((metric) => {
          const policy = value[metric];
          return (
            <tr key={metric}>
              <th scope="row">
                <label className="checkbox" title={METRIC_LABELS[metric].hint}>
                  <input
                    type="checkbox"
                    checked={Boolean(policy)}
                    onChange={(e) => setTracked(metric, e.target.checked)}
                  />{' '}
                  {METRIC_LABELS[metric].title}
                </label>
              </th>
              {COLUMNS.map((column) => (
                <td key={column}>
                  {policy && (
                    <DurationInput
                      label={`${METRIC_LABELS[metric].title} target, ${column === 'default' ? 'any priority' : `${column} priority`}`}
                      units={['minutes', 'hours', 'days']}
                      value={policy.targets?.[column]}
                      onChange={(target) => setTarget(metric, column, target)}
                    />
                  )}
                </td>
              ))}
              <td>
                {policy && (
                  <input
                    type="checkbox"
                    aria-label={`${METRIC_LABELS[metric].title} in business hours only`}
                    checked={policy.businessHours ?? true}
                    onChange={(e) => setBusiness(metric, e.target.checked)}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
