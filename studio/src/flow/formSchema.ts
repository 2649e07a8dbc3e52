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

/** The server's `x-input` annotation (on the property, or on the definition it points at). */
export function xInputOf(schema: Schema, root: Schema): string | undefined {
  const own = schema['x-input'];
  if (typeof own === 'string') return own;
  const target = deref(schema, root)['x-input'];
  return typeof target === 'string' ? target : undefined;
}

/** The widget for an annotated value: a duration as number + unit, anything else a picker by name. */
function widgetFor(schema: Schema, root: Schema): UiSchema | null {
  const input = xInputOf(schema, root);
  // The ISO-8601 help text of the definition is for the document, not for the person.
  if (input === 'duration')
    return typeof schema.description === 'string'
      ? { 'ui:widget': 'duration' }
      : { 'ui:widget': 'duration', 'ui:description': '' };
  // Likewise the definition's “a stable identifier…”: the picker shows names.
  if (input)
    return typeof schema.description === 'string'
      ? { 'ui:widget': 'picker', 'ui:options': { input } }
      : { 'ui:widget': 'picker', 'ui:options': { input }, 'ui:description': '' };
  const target = deref(schema, root);
  if (target.type === 'array' && isObject(target.items)) {
    const itemInput = xInputOf(target.items, root);
    if (itemInput && itemInput !== 'duration')
      return { 'ui:widget': 'pickerList', 'ui:options': { input: itemInput } };
  }
  return null;
}

/**
 * A uiSchema that renders every condition with the builder and every annotated value with its
 * picker, at any depth (also through oneOf).
 */
export function uiSchemaFor(schema: Schema, root: Schema = schema, depth = 0): UiSchema {
  const ui: UiSchema = {};
  if (depth > 8) return ui;
  const target = deref(schema, root);
  if (depth > 0 && isConditionSchema(schema, root))
    return { 'ui:field': 'condition', 'ui:fieldReplacesAnyOrOneOf': true };
  const widget = depth > 0 ? widgetFor(schema, root) : null;
  if (widget) return widget;
  // Choices read in words (`from_priority` → “From priority”, `firstResponse` → “First response”).
  if (depth > 0 && Array.isArray(target.enum) && target.enum.every((v) => typeof v === 'string'))
    return { 'ui:enumNames': (target.enum as string[]).map(humanize) };
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

/** A title a person reads (“Tags to add”), not a type name (`SetTags`, `IsoDuration`). */
function isWords(title: unknown): boolean {
  return typeof title === 'string' && /\s/.test(title.trim());
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
        // A picked value is named for what is picked: “Agent”, not “Agent id”.
        const name = isObject(next) && typeof next['x-input'] === 'string' ? key.replace(/Ids?$/, '') : key;
        props[key] = isObject(next) && !isWords(next.title) ? { ...next, title: humanize(name) } : next;
      }
      out.properties = props;
    }
    for (const branch of ['oneOf', 'anyOf', 'allOf'] as const) {
      const options = node[branch];
      if (Array.isArray(options)) out[branch] = optionTitles(options.map((o) => visit(o, depth + 1)));
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

/** `WaitForDuration` → [Wait, For, Duration]. */
function typeWords(title: string): string[] {
  return title.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [title];
}

/**
 * The choices of a `oneOf` in words, without what they all share: `NotifyUserTarget`,
 * `NotifyAgentTarget` → “User”, “Agent”; `WaitForDuration`, `WaitUntilTime` → “For duration”,
 * “Until time”. Titles already in words stay.
 */
export function optionTitles(options: unknown[]): unknown[] {
  const titles = options.map((o) =>
    isObject(o) && typeof o.title === 'string' && !isWords(o.title) ? o.title : null,
  );
  if (titles.some((t) => t === null) || titles.length < 2) return options;
  const words = (titles as string[]).map(typeWords);
  let head = 0;
  while (words.every((w) => w.length > head + 1 && w[head] === words[0]?.[head])) head++;
  let tail = 0;
  while (
    words.every(
      (w) => w.length > head + tail + 1 && w[w.length - 1 - tail] === words[0]?.[words[0].length - 1 - tail],
    )
  )
    tail++;
  return options.map((o, i) => {
    const picked = (words[i] ?? [])
      .slice(head, (words[i]?.length ?? 0) - tail)
      .join(' ')
      .toLowerCase();
    return isObject(o) ? { ...o, title: picked.charAt(0).toUpperCase() + picked.slice(1) } : o;
  });
}
