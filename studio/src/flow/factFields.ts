/**
 * The fields a condition can test, in words: “Customer › Tier”, “Issue › Priority”, “SLA › First
 * response › Breached” — built from the facts the server registers and their JSON Schemas, so a
 * module's or plugin's new fact shows up without studio code. Each field is a fact plus a JSONPath
 * into it (what json-rules-engine reads), a label, and the kind of value it holds.
 */
import type { FactDescription } from '@baton/schemas/types';

type Schema = Record<string, unknown>;

export type FieldKind = 'text' | 'number' | 'boolean' | 'time' | 'list' | 'choice' | 'any';

export interface FactField {
  /** `customer|$.tier`: fact and path, one string for pickers. */
  key: string;
  fact: string;
  path?: string;
  label: string;
  description?: string;
  kind: FieldKind;
  /** The values it can take (an enum), for pickers. */
  choices?: string[];
  /** A picker for the value (`x-input`), e.g. a queue. */
  input?: string;
}

const FACT_LABEL: Record<string, string> = {
  issue: 'Issue',
  customer: 'Customer',
  timeline: 'Conversation',
  event: 'Triggering event',
  now: 'Current time',
  sla: 'SLA',
  labels: 'Predicted',
  agentLoad: 'Assignee’s workload',
  queue: 'Queue',
  handoffs: 'Handoffs',
};

const FIELD_LABEL: Record<string, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  handoffCompletion: 'Handoff completion',
  periodicUpdate: 'Periodic update',
  remainingMs: 'Time remaining (ms)',
  elapsedMs: 'Time elapsed (ms)',
  dueAt: 'Due at',
  createdAt: 'Created',
  updatedAt: 'Last changed',
  lastActivityAt: 'Last activity',
  resolvedAt: 'Resolved',
  timeZone: 'Time zone',
  awaitingReply: 'Waiting for our reply',
};

/** Fields that are ids or internals: a person never compares them by hand. */
const HIDDEN = /(^|\.)(id|externalId|customerId|modelVersion|_id)$|Id$/;

export function words(key: string): string {
  const known = FIELD_LABEL[key];
  if (known) return known;
  const w = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export function factLabel(id: string): string {
  return FACT_LABEL[id] ?? words(id);
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(schema: Schema, root: Schema, depth = 0): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 10) return schema;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/'))
    node = isObject(node) ? node[raw.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isObject(node)) return schema;
  const { $ref: _r, ...siblings } = schema;
  return deref({ ...node, ...siblings }, root, depth + 1);
}

function typesOf(schema: Schema): string[] {
  const t = schema.type;
  return (Array.isArray(t) ? t : typeof t === 'string' ? [t] : []).filter((x) => x !== 'null');
}

function kindOf(schema: Schema, root: Schema): Pick<FactField, 'kind' | 'choices' | 'input'> {
  const s = deref(schema, root);
  const input = typeof s['x-input'] === 'string' ? (s['x-input'] as string) : undefined;
  const extra = input ? { input } : {};
  if (Array.isArray(s.enum)) return { kind: 'choice', choices: s.enum.map(String), ...extra };
  const types = typesOf(s);
  if (types.includes('array')) {
    const items = isObject(s.items) ? deref(s.items, root) : {};
    return {
      kind: 'list',
      ...(Array.isArray(items.enum) ? { choices: items.enum.map(String) } : {}),
      ...extra,
    };
  }
  if (types.includes('boolean')) return { kind: 'boolean' };
  if (types.includes('integer') || types.includes('number')) return { kind: 'number' };
  if (types.includes('string')) return { kind: s.format === 'date-time' ? 'time' : 'text', ...extra };
  return { kind: 'any' };
}

/** Every field of every fact, two levels deep, in the catalog's order. */
export function factFields(facts: FactDescription[]): FactField[] {
  const out: FactField[] = [];
  for (const fact of facts) {
    const root = isObject(fact.schema) ? fact.schema : null;
    const label = factLabel(fact.id);
    if (!root) {
      out.push({ key: `${fact.id}|`, fact: fact.id, label, description: fact.description, kind: 'any' });
      continue;
    }
    const top = deref(root, root);
    const props = isObject(top.properties) ? top.properties : null;
    if (!props) {
      out.push({
        key: `${fact.id}|`,
        fact: fact.id,
        label,
        description: fact.description,
        ...kindOf(top, root),
      });
      continue;
    }
    const visit = (properties: Schema, path: string, trail: string[], depth: number) => {
      for (const [name, sub] of Object.entries(properties)) {
        if (!isObject(sub)) continue;
        const at = `${path}.${name}`;
        if (HIDDEN.test(at)) continue;
        const s = deref(sub, root);
        const nested = isObject(s.properties) && typesOf(s).includes('object') ? s.properties : null;
        if (nested && depth < 2) {
          visit(nested, at, [...trail, words(name)], depth + 1);
          continue;
        }
        if (nested) continue;
        const field: FactField = {
          key: `${fact.id}|$${at}`,
          fact: fact.id,
          path: `$${at}`,
          label: [label, ...trail, words(name)].join(' › '),
          ...kindOf(s, root),
        };
        const description = typeof s.description === 'string' ? s.description : undefined;
        if (description) field.description = description;
        if (field.kind !== 'any') out.push(field);
      }
    };
    visit(props, '', [], 0);
  }
  return out;
}

/** The field a leaf tests; a path the catalog does not list still gets a field, named by its path. */
export function fieldOf(fields: FactField[], fact: string, path: string | undefined): FactField {
  const key = `${fact}|${path ?? ''}`;
  const known = fields.find((f) => f.key === key);
  if (known) return known;
  const trail = (path ?? '')
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .map(words);
  return {
    key,
    fact,
    ...(path ? { path } : {}),
    label: [factLabel(fact), ...trail].join(' › '),
    kind: 'any',
  };
}

export interface OperatorWords {
  name: string;
  words: string;
  /** What the value is: one value, a list, a duration, business hours, a pattern, or nothing. */
  value: 'one' | 'list' | 'duration' | 'hours' | 'pattern';
}

export const OPERATOR_WORDS: Record<string, Omit<OperatorWords, 'name'>> = {
  equal: { words: 'is', value: 'one' },
  notEqual: { words: 'is not', value: 'one' },
  in: { words: 'is one of', value: 'list' },
  notIn: { words: 'is none of', value: 'list' },
  contains: { words: 'includes', value: 'one' },
  doesNotContain: { words: 'does not include', value: 'one' },
  lessThan: { words: 'is less than', value: 'one' },
  lessThanInclusive: { words: 'is at most', value: 'one' },
  greaterThan: { words: 'is more than', value: 'one' },
  greaterThanInclusive: { words: 'is at least', value: 'one' },
  matches: { words: 'matches the pattern', value: 'pattern' },
  containsAny: { words: 'mentions any of', value: 'list' },
  containsAll: { words: 'mentions all of', value: 'list' },
  withinBusinessHours: { words: 'is within business hours', value: 'hours' },
  olderThan: { words: 'is longer ago than', value: 'duration' },
};

const FOR_KIND: Record<FieldKind, string[]> = {
  choice: ['equal', 'notEqual', 'in', 'notIn'],
  text: ['equal', 'notEqual', 'containsAny', 'containsAll', 'in', 'notIn', 'matches'],
  number: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'],
  boolean: ['equal'],
  time: ['olderThan', 'withinBusinessHours'],
  list: ['contains', 'doesNotContain', 'containsAny', 'containsAll'],
  any: [],
};

/** The operators that make sense for a field, in words; every known operator for a field of unknown shape. */
export function operatorsFor(kind: FieldKind, known: string[]): OperatorWords[] {
  const names = FOR_KIND[kind].length ? FOR_KIND[kind].filter((n) => known.includes(n)) : known;
  return names.map((name) => ({
    name,
    ...(OPERATOR_WORDS[name] ?? { words: words(name), value: 'one' as const }),
  }));
}

export function operatorWords(name: string): OperatorWords {
  return { name, ...(OPERATOR_WORDS[name] ?? { words: words(name), value: 'one' as const }) };
}
