import { shapeOf, valueText } from './conditions.ts';

/** A condition in words: `issue.priority equal high`, `all of (2)`. */
export function conditionText(value: unknown, depth = 0): string {
  const shape = shapeOf(value);
  switch (shape.shape) {
    case 'all':
    case 'any':
      if (depth > 0 || shape.children.length > 2) return `${shape.shape} of ${shape.children.length}`;
      return (
        shape.children
          .map((c) => conditionText(c, depth + 1))
          .join(shape.shape === 'all' ? ' and ' : ' or ') || `${shape.shape} of 0`
      );
    case 'not':
      return `not (${conditionText(shape.child, depth + 1)})`;
    case 'leaf': {
      const v = value as Record<string, unknown>;
      const path = typeof v.path === 'string' ? v.path.replace(/^\$\.?/, '') : '';
      return `${String(v.fact ?? '?')}${path ? `.${path}` : ''} ${String(v.operator ?? '?')} ${valueText(v.value)}`.trim();
    }
    default:
      return '';
  }
}

function looksLikeCondition(value: unknown): boolean {
  const shape = shapeOf(value).shape;
  return shape === 'all' || shape === 'any' || shape === 'not' || shape === 'leaf';
}

function short(value: unknown): string {
  if (looksLikeCondition(value)) return conditionText(value);
  if (Array.isArray(value))
    return value
      .map((v) =>
        typeof v === 'object' && v
          ? ((((v as Record<string, unknown>).label ?? (v as Record<string, unknown>).id) as string) ?? '…')
          : String(v),
      )
      .join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k} ${short(v)}`)
      .join(', ');
  return String(value);
}

/** A node's data in one or two short lines, for any kind (the node card shows it). */
export function dataSummary(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .slice(0, 3)
    .map(([key, value]) => {
      const text = short(value);
      return `${key}: ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
    });
}
