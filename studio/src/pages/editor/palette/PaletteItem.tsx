import type { NodeKindDescription } from '@baton/schemas/types';
import { kindStyle } from '../../../flow/categories.ts';
import { PALETTE_MIME } from './paletteMime.ts';

export function PaletteItem({
  kind,
  disabled,
  onAdd,
  compact = false,
}: {
  kind: NodeKindDescription;
  disabled: boolean;
  onAdd(kind: NodeKindDescription): void;
  /** Icon only (the folded palette); the title shows on hover. */
  compact?: boolean;
}) {
  const style = kindStyle(kind);
  return (
    <button
      type="button"
      className={`palette-item${compact ? ' compact' : ''}`}
      draggable={!disabled}
      disabled={disabled}
      data-kind={kind.type}
      title={compact ? `${kind.title}: ${kind.description}` : kind.description}
      aria-label={`Add ${kind.title}`}
      style={{ '--cat': style.color } as React.CSSProperties}
      onDragStart={(event) => {
        event.dataTransfer.setData(PALETTE_MIME, kind.type);
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={() => onAdd(kind)}
    >
      <span className="palette-icon" aria-hidden="true">
        {style.icon}
      </span>
      {!compact && (
        <span className="palette-text">
          <span className="palette-title">{kind.title}</span>
          <span className="palette-desc">{kind.description}</span>
        </span>
      )}
    </button>
  );
}
