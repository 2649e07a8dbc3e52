import type { NodeKindDescription } from '@baton/schemas/types';
import { useMemo, useState } from 'react';
import { kindStyle } from '../../../flow/categories.ts';

interface Props {
  kinds: NodeKindDescription[];
  /** Where the connection was dropped, in page coordinates. */
  at: { x: number; y: number };
  onPick(kind: NodeKindDescription): void;
  onClose(): void;
}

/** Dropping a connection on empty canvas asks what comes next, and adds it already connected. */
export function QuickAddMenu({ kinds, at, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return kinds.filter((k) => !q || k.title.toLowerCase().includes(q) || k.type.includes(q));
  }, [kinds, query]);
  return (
    <>
      <button type="button" className="quick-add-backdrop" aria-label="Close" onClick={onClose} />
      <div
        className="quick-add"
        style={{ left: at.x, top: at.y }}
        role="dialog"
        aria-label="Add a connected node"
      >
        <input
          // biome-ignore lint/a11y/noAutofocus: the menu opens for typing what comes next
          autoFocus
          type="search"
          placeholder="What comes next?"
          aria-label="Search node kinds"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            if (e.key === 'Enter' && shown[0]) onPick(shown[0]);
          }}
        />
        <ul>
          {shown.map((kind) => {
            const style = kindStyle(kind);
            return (
              <li key={kind.type}>
                <button
                  type="button"
                  onClick={() => onPick(kind)}
                  style={{ '--cat': style.color } as React.CSSProperties}
                >
                  <span className="palette-icon" aria-hidden="true">
                    {style.icon}
                  </span>
                  {kind.title}
                </button>
              </li>
            );
          })}
          {shown.length === 0 && <li className="muted small">No node kind matches.</li>}
        </ul>
      </div>
    </>
  );
}
