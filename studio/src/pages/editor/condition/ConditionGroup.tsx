import { SegmentedChoice } from '../../../components/SegmentedChoice.tsx';
import { newLeaf } from '../../../flow/conditions.ts';
import { ConditionEditor, type ConditionEditorProps } from './ConditionEditor.tsx';

interface Props extends ConditionEditorProps {
  mode: 'all' | 'any';
  items: unknown[];
}

/** How a group's conditions combine. */
const MATCHES = [
  { value: 'all', label: 'All of' },
  { value: 'any', label: 'Any of' },
] as const;

/** all / any of a list of conditions, each of which may be a group again. */
export function ConditionGroup({ value, onChange, onRemove, depth, label, mode, items }: Props) {
  const rest = { ...(value as Record<string, unknown>) };
  delete rest.all;
  delete rest.any;
  const set = (nextMode: 'all' | 'any', nextItems: unknown[]) => onChange({ ...rest, [nextMode]: nextItems });
  return (
    <fieldset className={`cond-group depth-${depth % 3}`} aria-label={label}>
      <div className="cond-group-head">
        <SegmentedChoice
          label={`${label}: match`}
          name={`${label}-mode`}
          options={MATCHES}
          value={mode}
          onChange={(m) => set(m, items)}
        />
        <span className="muted small">{mode === 'all' ? 'every condition holds' : 'at least one holds'}</span>
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
      <ol className="cond-items">
        {items.map((item, i) => (
          // Conditions have no ids; their position is their identity while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            <ConditionEditor
              value={item}
              depth={depth + 1}
              label={`${label} › ${i + 1}`}
              onChange={(next) =>
                set(
                  mode,
                  items.map((it, j) => (j === i ? next : it)),
                )
              }
              onRemove={() =>
                set(
                  mode,
                  items.filter((_, j) => j !== i),
                )
              }
            />
          </li>
        ))}
        {items.length === 0 && (
          <li className="muted small cond-empty">
            No conditions yet: an empty group {mode === 'all' ? 'always holds' : 'never holds'}.
          </li>
        )}
      </ol>
      <div className="cond-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => set(mode, [...items, newLeaf()])}
        >
          + Condition
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => set(mode, [...items, { [mode === 'all' ? 'any' : 'all']: [newLeaf()] }])}
        >
          + Group
        </button>
      </div>
    </fieldset>
  );
}
