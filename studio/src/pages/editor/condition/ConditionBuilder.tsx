import { useEffect, useState } from 'react';
import { SegmentedChoice } from '../../../components/SegmentedChoice.tsx';
import { newLeaf, shapeOf } from '../../../flow/conditions.ts';
import { ConditionEditor } from './ConditionEditor.tsx';

interface Props {
  label: string;
  value: unknown;
  onChange(next: unknown): void;
}

/** The two ways to edit a condition. */
const EDITORS = [
  { value: 'visual', label: 'Builder' },
  { value: 'json', label: 'JSON' },
] as const;

/**
 * The visual builder for a json-rules-engine condition (all / any / not, fact, path, operator,
 * value), with a raw-JSON view of the same value. The JSON is what the engine gets, unchanged.
 */
export function ConditionBuilder({ label, value, onChange }: Props) {
  const [mode, setMode] = useState<'visual' | 'json'>('visual');
  const [draft, setDraft] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    if (mode === 'visual') setDraft(JSON.stringify(value ?? null, null, 2));
  }, [value, mode]);
  const shape = shapeOf(value);
  const isRootLeaf = shape.shape === 'leaf';
  return (
    <div className="cond-builder">
      <div className="cond-builder-head">
        <span className="field-label">{label}</span>
        <span className="cond-spacer" />
        <SegmentedChoice
          label={`${label}: editor`}
          name={`${label}-editor`}
          options={EDITORS}
          value={mode}
          onChange={(m) => {
            setParseError(null);
            setMode(m);
          }}
        />
      </div>
      {mode === 'json' ? (
        <div className="cond-json">
          <textarea
            aria-label={`${label} as JSON`}
            className="mono"
            spellCheck={false}
            rows={Math.min(18, Math.max(6, draft.split('\n').length + 1))}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              try {
                const parsed = JSON.parse(e.target.value);
                setParseError(null);
                onChange(parsed);
              } catch (error) {
                setParseError((error as Error).message);
              }
            }}
          />
          {parseError && (
            <p className="field-error" role="alert">
              Not valid JSON yet ({parseError}); the condition keeps its last valid value.
            </p>
          )}
        </div>
      ) : shape.shape === 'empty' ? (
        <div className="cond-empty-root">
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ all: [newLeaf()] })}
          >
            + Add condition
          </button>
        </div>
      ) : (
        <>
          <ConditionEditor value={value} depth={0} label={label} onChange={onChange} />
          {isRootLeaf && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => onChange({ all: [value] })}
            >
              Wrap in a group
            </button>
          )}
        </>
      )}
    </div>
  );
}
