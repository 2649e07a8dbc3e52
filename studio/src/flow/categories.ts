import type { NodeKindDescription } from '@baton/schemas/types';

export type Category = NodeKindDescription['category'];

/** How each category looks; kinds themselves are never special-cased (plugins add their own). */
export const CATEGORY_STYLE: Record<Category, { label: string; icon: string; color: string }> = {
  trigger: { label: 'Triggers', icon: '⚡', color: 'var(--cat-trigger)' },
  logic: { label: 'Logic', icon: '◇', color: 'var(--cat-logic)' },
  action: { label: 'Actions', icon: '▶', color: 'var(--cat-action)' },
  timing: { label: 'Timing', icon: '◔', color: 'var(--cat-timing)' },
  playbook: { label: 'Playbook steps', icon: '☑', color: 'var(--cat-playbook)' },
  end: { label: 'End', icon: '■', color: 'var(--cat-end)' },
};

export const CATEGORY_ORDER: Category[] = ['trigger', 'logic', 'action', 'timing', 'playbook', 'end'];

export function categoryStyle(category: string | undefined) {
  return CATEGORY_STYLE[(category ?? 'action') as Category] ?? CATEGORY_STYLE.action;
}

/** How a kind is drawn: its own glyph and colour where the server declares them, else its category's. */
export function kindStyle(kind: Pick<NodeKindDescription, 'category' | 'icon' | 'color'> | undefined) {
  const category = categoryStyle(kind?.category);
  return { ...category, icon: kind?.icon ?? category.icon, color: kind?.color ?? category.color };
}
