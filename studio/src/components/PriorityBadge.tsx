import type { Priority } from '../api/types.ts';
import { labelOf, PRIORITY_LABELS } from '../lib/format.ts';

const BARS: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const level = BARS[priority] ?? 0;
  const label = labelOf(PRIORITY_LABELS, priority);
  return (
    <span className={`badge priority priority-${priority}`} title={`${label} priority`}>
      <span className="priority-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} className={bar <= level ? 'bar on' : 'bar'} />
        ))}
      </span>
      {label}
    </span>
  );
}
