/**
 * Resolving a dotted path the way MongoDB indexes and sorts do: a field name applied to an array
 * reaches into each of its documents, a numeric part indexes into it. Arrays at the end of the path are
 * returned whole; callers decide whether to expand them.
 */
import { isPlainObject } from '../shared/validate.ts';

export function splitPath(path: string): string[] {
  return path.split('.');
}

export function collectValues(doc: unknown, parts: readonly string[]): unknown[] {
  const out: unknown[] = [];
  walk(doc, parts, 0, out);
  return out;
}

function walk(value: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(value);
    return;
  }
  const part = parts[i]!;
  if (Array.isArray(value)) {
    if (isArrayIndex(part)) {
      const element: unknown = value[Number(part)];
      if (element !== undefined) walk(element, parts, i + 1, out);
      return;
    }
    for (const element of value) if (isPlainObject(element)) walk(element, parts, i, out);
    return;
  }
  if (isPlainObject(value) && Object.hasOwn(value, part)) walk(value[part], parts, i + 1, out);
}

function isArrayIndex(part: string): boolean {
  return /^(0|[1-9]\d*)$/.test(part);
}
