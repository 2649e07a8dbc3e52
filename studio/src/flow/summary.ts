import { describeDuration, isoSeconds } from '../lib/duration.ts';
import { shapeOf, valueText } from './conditions.ts';
import { eventLabel } from './events.ts';
import { fieldOf, operatorWords, words } from './factFields.ts';

/** Turns a stored value into words: an id into the name it stands for, when it is known. */
export type NameOf = (value: string) => string | undefined;

/** A condition in words: `Issue › Priority is high`, `all of 3`. */
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
      const field = fieldOf([], String(v.fact ?? '?'), typeof v.path === 'string' ? v.path : undefined);
      const operator = typeof v.operator === 'string' ? operatorWords(v.operator).words : '?';
      return `${field.label} ${operator} ${valueWords(v.value)}`.trim();
    }
    default:
      return '';
  }
}

function looksLikeCondition(value: unknown): boolean {
  const shape = shapeOf(value).shape;
  return shape === 'all' || shape === 'any' || shape === 'not' || shape === 'leaf';
}

function valueWords(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => valueWords(v)).join(', ');
  if (typeof value === 'string') return isoSeconds(value) !== null ? describeDuration(value) : value;
  if (value && typeof value === 'object' && 'timeZone' in value) return 'business hours';
  return valueText(value);
}

function short(value: unknown, nameOf: NameOf): string {
  if (looksLikeCondition(value)) return conditionText(value);
  if (typeof value === 'string') {
    const name = nameOf(value);
    if (name) return name;
    return isoSeconds(value) !== null ? describeDuration(value) : value;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value
      .map((v) =>
        typeof v === 'object' && v
          ? (((v as Record<string, unknown>).label as string | undefined) ??
            (typeof (v as Record<string, unknown>).type === 'string'
              ? words(String((v as Record<string, unknown>).type))
              : '…'))
          : short(v, nameOf),
      )
      .join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) =>
        k === 'kind' || k === 'type' ? short(v, nameOf) : `${words(k).toLowerCase()} ${short(v, nameOf)}`,
      )
      .join(', ');
  return String(value);
}

/**
 * A node's data in one to three short lines, for any kind (the node card shows it), in words: ids
 * as names, durations as “10 minutes”, conditions as sentences.
 */
export function dataSummary(data: Record<string, unknown>, nameOf: NameOf = () => undefined): string[] {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .slice(0, 3)
    .map(([key, value]) => {
      const text =
        key === 'events' || key === 'event'
          ? [value]
              .flat()
              .map((e) => eventLabel(String(e)))
              .join(', ')
          : short(value, nameOf);
      return `${words(key)}: ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
    });
}
