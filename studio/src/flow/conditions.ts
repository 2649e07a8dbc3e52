import type { RuleCondition } from '@baton/schemas/types';

/** A json-rules-engine condition as the builder edits it: a group, a negation or a fact leaf. */
export type ConditionShape =
  | { shape: 'all' | 'any'; children: unknown[] }
  | { shape: 'not'; child: unknown }
  | { shape: 'leaf' }
  | { shape: 'empty' }
  | { shape: 'unknown' };

export function shapeOf(value: unknown): ConditionShape {
  if (value === undefined || value === null) return { shape: 'empty' };
  if (typeof value !== 'object' || Array.isArray(value)) return { shape: 'unknown' };
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.all)) return { shape: 'all', children: v.all };
  if (Array.isArray(v.any)) return { shape: 'any', children: v.any };
  if ('not' in v) return { shape: 'not', child: v.not };
  if ('fact' in v || 'operator' in v) return { shape: 'leaf' };
  if (Object.keys(v).length === 0) return { shape: 'empty' };
  return { shape: 'unknown' };
}

/** A new test starts as “Issue › Priority is …”: the commonest thing a flow branches on. */
export function newLeaf(fact = 'issue'): RuleCondition {
  return { fact, path: '$.priority', operator: 'equal', value: '' };
}

/** The text a value is edited as: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What typed text means: JSON when it parses as a number, boolean, null, list, object or quoted
 * string (`42`, `true`, `["a","b"]`, `{"fact":"now"}`), else the text itself.
 */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^(-?\d|true$|false$|null$|\[|\{|")/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/** What kind of value it is, for a hint next to the input. */
export function valueKind(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'fact ref';
  return typeof value === 'string' ? 'text' : typeof value;
}
