import { useEffect, useId, useState } from 'react';
import { parseValue, valueKind, valueText } from '../../../flow/conditions.ts';
import { useConditionCatalog } from './ConditionCatalog.ts';
import type { ConditionEditorProps } from './ConditionEditor.tsx';

/** A fact test: fact, optional JSONPath into it, operator and value (a literal or another fact). */
export function ConditionLeaf({
  value,
  onChange,
  onRemove,
  label,
}: ConditionEditorProps & { value: Record<string, unknown> }) {
  const { facts, operators } = useConditionCatalog();
  const id = useId();
  const fact = typeof value.fact === 'string' ? value.fact : '';
  const operator = typeof value.operator === 'string' ? value.operator : '';
  const path = typeof value.path === 'string' ? value.path : '';
  const [text, setText] = useState(valueText(value.value));
  // A co-editor (or undo) changed the value: show theirs unless it is what the text means already.
  useEffect(() => {
    setText((current) =>
      JSON.stringify(parseValue(current)) === JSON.stringify(value.value) ? current : valueText(value.value),
    );
  }, [value.value]);
  const set = (patch: Record<string, unknown>) => {
    const next = { ...value, ...patch };
    if (next.path === '') delete next.path;
    onChange(next);
  };
  const knownFact = facts.some((f) => f.id === fact);
  const knownOperator = operators.some((o) => o.name === operator);
  const factInfo = facts.find((f) => f.id === fact);
  const operatorInfo = operators.find((o) => o.name === operator);
  return (
    <fieldset className="cond-leaf" aria-label={label}>
      <select
        aria-label={`${label}: fact`}
        value={fact}
        onChange={(e) => set({ fact: e.target.value })}
        title={factInfo?.description}
      >
        {!knownFact && <option value={fact}>{fact || 'Choose a fact'}</option>}
        {facts.map((f) => (
          <option key={f.id} value={f.id} title={f.description}>
            {f.id}
          </option>
        ))}
      </select>
      <input
        aria-label={`${label}: path`}
        className="cond-path mono"
        placeholder="$.path"
        value={path}
        onChange={(e) => set({ path: e.target.value })}
      />
      <select
        aria-label={`${label}: operator`}
        value={operator}
        onChange={(e) => set({ operator: e.target.value })}
        title={operatorInfo?.description}
      >
        {!knownOperator && <option value={operator}>{operator || 'Choose an operator'}</option>}
        {operators.map((o) => (
          <option key={o.name} value={o.name} title={o.description}>
            {o.name}
          </option>
        ))}
      </select>
      <div className="cond-value">
        <input
          id={id}
          aria-label={`${label}: value`}
          className="mono"
          placeholder='value, 42, true, ["a","b"]'
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            set({ value: parseValue(e.target.value) });
          }}
        />
        <span className="cond-value-kind">{valueKind(value.value)}</span>
      </div>
      <div className="cond-leaf-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => onChange({ not: value })}
          title="Negate this condition"
        >
          NOT
        </button>
        {onRemove && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={onRemove}
            aria-label={`Remove ${label}`}
          >
            ✕
          </button>
        )}
      </div>
    </fieldset>
  );
}
