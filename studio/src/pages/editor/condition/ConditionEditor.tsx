import { shapeOf } from '../../../flow/conditions.ts';
import { ConditionGroup } from './ConditionGroup.tsx';
import { ConditionLeaf } from './ConditionLeaf.tsx';
import { ConditionNot } from './ConditionNot.tsx';

export interface ConditionEditorProps {
  value: unknown;
  onChange(next: unknown): void;
  onRemove?: () => void;
  depth: number;
  /** Where this condition sits, for labels ("Condition 2 of all"). */
  label: string;
}

/** One json-rules-engine condition, edited as what it is: a group, a negation or a fact test. */
export function ConditionEditor(props: ConditionEditorProps) {
  const shape = shapeOf(props.value);
  switch (shape.shape) {
    case 'all':
    case 'any':
      return <ConditionGroup {...props} mode={shape.shape} items={shape.children} />;
    case 'not':
      return <ConditionNot {...props} child={shape.child} />;
    case 'leaf':
      return <ConditionLeaf {...props} value={props.value as Record<string, unknown>} />;
    default:
      return (
        <div className="cond-unknown">
          <span className="muted small">Not a condition the builder knows; edit it as JSON.</span>
          {props.onRemove && (
            <button type="button" className="button button-ghost button-small" onClick={props.onRemove}>
              Remove
            </button>
          )}
        </div>
      );
  }
}
