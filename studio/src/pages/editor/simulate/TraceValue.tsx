import { useContext } from 'react';
import { humanize } from '../../../lib/format.ts';
import { LabelContext } from '../inspector/IssueList.tsx';

/** Deeper than this a trace value reads as "…": traces are a few levels deep, a cycle is not. */
const MAX_DEPTH = 4;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One value a node recorded in its trace, in the reader's words: a node's name for its id, a local
 * date and time for a timestamp, yes/no, lists joined, records as labelled fields — never raw JSON.
 */
export function TraceValue({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const labelOf = useContext(LabelContext);
  if (value === null || value === undefined) return <span className="muted">none</span>;
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  if (typeof value === 'number') return <>{value.toLocaleString()}</>;
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return <>{new Date(value).toLocaleString()}</>;
    return <>{labelOf(value) ?? value}</>;
  }
  if (depth >= MAX_DEPTH) return <>…</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((v) => v === null || typeof v !== 'object'))
      return (
        <>
          {value.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a list of plain values has no ids
            <span key={i}>
              {i > 0 && ', '}
              <TraceValue value={v} depth={depth + 1} />
            </span>
          ))}
        </>
      );
    return (
      <ol className="trace-list">
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: trace records have no ids
          <li key={i}>
            <TraceValue value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object')
    return <TraceFields fields={value as Record<string, unknown>} depth={depth + 1} />;
  return <>{String(value)}</>;
}

/** A record of a trace as labelled fields (`dueAt` → "Due at"). */
export function TraceFields({ fields, depth = 0 }: { fields: Record<string, unknown>; depth?: number }) {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <dl className="trace-fields">
      {entries.map(([key, v]) => (
        <div key={key}>
          <dt>{humanize(key)}</dt>
          <dd>
            <TraceValue value={v} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
