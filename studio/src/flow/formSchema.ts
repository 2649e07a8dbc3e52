/**
 * Inspector forms come from each kind's data schema as the server serves it (self-contained, its
 * `$ref`s bundled into `$defs`). This finds where a json-rules-engine condition sits in a schema —
 * any kind's, a plugin's too — so the inspector puts the visual condition builder there.
 */
type Schema = Record<string, unknown>;
type UiSchema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  return isObject(node) ? node : schema;
}

/** Whether a schema is the RuleCondition (the all/any/not/fact oneOf of flow.schema.json). */
export function isConditionSchema(schema: Schema, root: Schema): boolean {
  const ref = schema.$ref;
  if (typeof ref === 'string' && /(^|[./])condition$/.test(ref) && !/Condition$/.test(ref)) return true;
  const target = deref(schema, root);
  if (target.title === 'RuleCondition') return true;
  const options = target.oneOf;
  return (
    Array.isArray(options) &&
    options.some((o) => isObject(o) && typeof o.$ref === 'string' && /allCondition$/.test(o.$ref))
  );
}

/** A uiSchema that renders every condition with the builder, at any depth (also through oneOf). */
export function uiSchemaFor(schema: Schema, root: Schema = schema, depth = 0): UiSchema {
  const ui: UiSchema = {};
  if (depth > 8) return ui;
  const target = deref(schema, root);
  if (depth > 0 && isConditionSchema(schema, root))
    return { 'ui:field': 'condition', 'ui:fieldReplacesAnyOrOneOf': true };
  // A constant (a oneOf option's discriminator, e.g. a wait's mode) is picked with the option.
  if (depth > 0 && 'const' in target) return { 'ui:widget': 'hidden' };
  const visitProperties = (props: unknown) => {
    if (!isObject(props)) return;
    for (const [key, sub] of Object.entries(props)) {
      if (!isObject(sub)) continue;
      const child = uiSchemaFor(sub, root, depth + 1);
      if (Object.keys(child).length) ui[key] = { ...(ui[key] as UiSchema | undefined), ...child };
    }
  };
  visitProperties(target.properties);
  for (const branch of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = target[branch];
    if (Array.isArray(options))
      for (const option of options) if (isObject(option)) visitProperties(deref(option, root).properties);
  }
  if (isObject(target.items)) {
    const items = uiSchemaFor(target.items, root, depth + 1);
    if (Object.keys(items).length) ui.items = items;
  }
  return ui;
}

/**
 * The schema with suggestions for fields that name trigger events (`event`, `events`): the form
 * offers the registered events as a pick list, and any other text still goes (a plugin's event).
 */
export function withEventSuggestions(schema: Schema, events: string[]): Schema {
  if (!events.length) return schema;
  const visit = (node: unknown, depth: number): unknown => {
    if (!isObject(node) || depth > 10) return node;
    const out: Schema = { ...node };
    if (isObject(node.properties)) {
      const props: Schema = {};
      for (const [key, sub] of Object.entries(node.properties)) {
        let next = visit(sub, depth + 1);
        if (isObject(next) && key === 'event' && next.type === 'string') next = { ...next, examples: events };
        if (isObject(next) && key === 'events' && isObject(next.items))
          next = { ...next, items: { ...next.items, examples: events } };
        props[key] = next;
      }
      out.properties = props;
    }
    for (const branch of ['oneOf', 'anyOf', 'allOf'] as const) {
      const options = node[branch];
      if (Array.isArray(options)) out[branch] = options.map((o) => visit(o, depth + 1));
    }
    return out;
  };
  return visit(schema, 0) as Schema;
}

/** `timeZone` → `Time zone`, `sla_policy` → `Sla policy`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Labels fields by their property name in words (`timeZone` → “Time zone”), not by the title of a
 * shared definition they point at (`IsoDuration`, `NotificationTemplate`); a title written on the
 * property itself stays.
 */
export function withFieldTitles(schema: Schema): Schema {
  const visit = (node: unknown, depth: number): unknown => {
    if (!isObject(node) || depth > 12) return node;
    const out: Schema = { ...node };
    if (isObject(node.properties)) {
      const props: Schema = {};
      for (const [key, sub] of Object.entries(node.properties)) {
        const next = visit(sub, depth + 1);
        props[key] =
          isObject(next) && typeof next.title !== 'string' ? { ...next, title: humanize(key) } : next;
      }
      out.properties = props;
    }
    for (const branch of ['oneOf', 'anyOf', 'allOf'] as const) {
      const options = node[branch];
      if (Array.isArray(options)) out[branch] = options.map((o) => visit(o, depth + 1));
    }
    if (isObject(node.items)) out.items = visit(node.items, depth + 1);
    if (isObject(node.$defs)) {
      const defs: Schema = {};
      for (const [key, def] of Object.entries(node.$defs)) defs[key] = visit(def, depth + 1);
      out.$defs = defs;
    }
    return out;
  };
  return visit(schema, 0) as Schema;
}
