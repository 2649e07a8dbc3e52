import { factLabel, operatorWords, words } from '../../../flow/factFields.ts';
import { TraceValue } from './TraceValue.tsx';

type Traced = Record<string, unknown>;

function Outcome({ result }: { result: unknown }) {
  if (result === undefined)
    return (
      <span className="trace-skip" title="Not evaluated (short-circuited)">
        –
      </span>
    );
  return result ? <span className="trace-true">✓ true</span> : <span className="trace-false">✕ false</span>;
}

/** json-rules-engine's evaluated condition: each group and leaf with what it saw and decided. */
export function ConditionTraceTree({ condition }: { condition: unknown }) {
  if (!condition || typeof condition !== 'object') return null;
  const c = condition as Traced;
  for (const group of ['all', 'any'] as const) {
    if (Array.isArray(c[group])) {
      return (
        <div className="trace-cond-group">
          <div className="trace-cond-head">
            <strong>{group === 'all' ? 'All of' : 'Any of'}</strong> <Outcome result={c.result} />
          </div>
          <ul>
            {(c[group] as unknown[]).map((child, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids
              <li key={i}>
                <ConditionTraceTree condition={child} />
              </li>
            ))}
          </ul>
        </div>
      );
    }
  }
  if ('not' in c) {
    return (
      <div className="trace-cond-group">
        <div className="trace-cond-head">
          <strong>Not</strong> <Outcome result={c.result} />
        </div>
        <ConditionTraceTree condition={c.not} />
      </div>
    );
  }
  return (
    <div className="trace-leaf">
      <span className="trace-leaf-text">
        {leafSubject(String(c.fact), typeof c.path === 'string' ? c.path : '')}{' '}
        {operatorWords(String(c.operator)).words} <TraceValue value={c.value} />
      </span>
      <Outcome result={c.result} />
      {'factResult' in c && (
        <div className="trace-seen">
          saw <TraceValue value={c.factResult} />
        </div>
      )}
    </div>
  );
}

/** `issue`, `$.customer.tier` → "Issue › Customer › Tier", as the condition builder names fields. */
function leafSubject(fact: string, path: string): string {
  const fields = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  return [factLabel(fact), ...fields.map(words)].join(' › ');
}
