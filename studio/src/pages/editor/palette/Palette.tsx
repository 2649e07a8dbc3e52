import type { NodeKindDescription } from '@baton/schemas/types';
import { useMemo, useState } from 'react';
import { CATEGORY_ORDER, CATEGORY_STYLE, type Category } from '../../../flow/categories.ts';
import { PaletteItem } from './PaletteItem.tsx';

interface Props {
  kinds: NodeKindDescription[];
  disabled: boolean;
  onAdd(kind: NodeKindDescription): void;
  /** Folded to a rail of icons, to give the canvas the room. */
  collapsed?: boolean;
  onToggle?(): void;
}

/** Every registered node kind, by category, searchable; drag one onto the canvas (or press Enter). */
export function Palette({ kinds, disabled, onAdd, collapsed = false, onToggle }: Props) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const shown = kinds.filter(
      (k) =>
        !q ||
        k.title.toLowerCase().includes(q) ||
        k.type.includes(q) ||
        k.description.toLowerCase().includes(q),
    );
    const known = new Set<string>(CATEGORY_ORDER);
    const order = [...CATEGORY_ORDER, ...new Set(shown.map((k) => k.category).filter((c) => !known.has(c)))];
    return order
      .map((category) => ({ category, kinds: shown.filter((k) => k.category === category) }))
      .filter((g) => g.kinds.length);
  }, [kinds, query]);
  const toggle = onToggle && (
    <button
      type="button"
      className="panel-toggle"
      onClick={onToggle}
      aria-expanded={!collapsed}
      aria-label={collapsed ? 'Show the node palette' : 'Hide the node palette'}
      title={collapsed ? 'Show the node palette ([)' : 'Hide the node palette ([)'}
    >
      {collapsed ? '»' : '«'}
    </button>
  );
  if (collapsed) {
    return (
      <aside className="palette palette-rail" aria-label="Node palette">
        {toggle}
        {groups.flatMap((group) =>
          group.kinds.map((kind) => (
            <PaletteItem key={kind.type} kind={kind} disabled={disabled} onAdd={onAdd} compact />
          )),
        )}
      </aside>
    );
  }
  return (
    <aside className="palette" aria-label="Node palette">
      {toggle}
      <input
        type="search"
        className="palette-search"
        placeholder="Search nodes…"
        aria-label="Search nodes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.map((group) => (
        <section key={group.category} className="palette-group">
          <h2 className="palette-heading">
            {CATEGORY_STYLE[group.category as Category]?.label ?? group.category}
          </h2>
          <ul>
            {group.kinds.map((kind) => (
              <li key={kind.type}>
                <PaletteItem kind={kind} disabled={disabled} onAdd={onAdd} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 && <p className="muted small palette-none">No node kind matches “{query}”.</p>}
      <p className="palette-hint muted small">Drag onto the canvas, or focus and press Enter.</p>
    </aside>
  );
}
