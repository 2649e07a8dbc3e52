import { ConditionEditor, type ConditionEditorProps } from './ConditionEditor.tsx';

/** not: the condition inside must not hold. */
export function ConditionNot({
  value,
  onChange,
  onRemove,
  depth,
  label,
  child,
}: ConditionEditorProps & { child: unknown }) {
  const rest = { ...(value as Record<string, unknown>) };
  delete rest.not;
  return (
    <div className="cond-not">
      <div className="cond-not-head">
        <span className="cond-not-badge">NOT</span>
        <button type="button" className="button button-ghost button-small" onClick={() => onChange(child)}>
          Remove NOT
        </button>
        <span className="cond-spacer" />
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
      <ConditionEditor
        value={child}
        depth={depth + 1}
        label={`${label} › not`}
        onChange={(next) => onChange({ ...rest, not: next })}
      />
    </div>
  );
}
