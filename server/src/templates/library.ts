/**
 * The Handoff Template Library: named, versioned message templates (handoff brief layouts, warm
 * introductions, customer updates, war-room posts) that admins write in the studio and flows pick
 * by name. Every save is a new version; old versions are kept for good with their author and time,
 * so a flow that misbehaves after an edit can be traced to the exact wording it sent.
 *
 * Names are unique without regard to case ("Warm intro" and "warm intro" are one template), kept in
 * a `nameKey` field with a unique index so two admins saving at once cannot both win. A save names
 * the version it started from (`baseVersion`); a save made on top of someone else's is a 409.
 */
import type {
  Actor,
  MessageTemplate,
  MessageTemplateCreate,
  MessageTemplateListQuery,
  MessageTemplateUpdate,
  MessageTemplateVersion,
  NotificationTemplate,
} from '@baton/schemas';
import { InputError, invalidInput, notFound, ProblemError } from '../http/problem.ts';
import { TemplateRenderer } from '../notify/templates.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store } from '../store/port.ts';
import { DuplicateKeyError } from '../store/port.ts';

type StoredTemplate = Stored<MessageTemplate> & { nameKey: string };
type StoredVersion = MessageTemplateVersion & { _id: string };

/** What flows need from the library: the current version of a template, by name. */
export interface TemplateSource {
  byName(name: string): Promise<MessageTemplate | null>;
}

const nameKey = (name: string) => name.trim().toLowerCase();

function toTemplate(doc: StoredTemplate): MessageTemplate {
  const { nameKey: _key, ...rest } = doc;
  return fromStored<MessageTemplate>(rest);
}

function toVersion(doc: StoredVersion): MessageTemplateVersion {
  const { _id, ...rest } = doc;
  return rest;
}

export class TemplateLibrary implements TemplateSource {
  readonly #templates: Collection<StoredTemplate>;
  readonly #versions: Collection<StoredVersion>;
  /** Checks Liquid syntax on save, with the very engine the notify node renders with. */
  readonly renderer = new TemplateRenderer();

  constructor(
    store: Store,
    private readonly deps: { clock: Clock },
  ) {
    this.#templates = store.collection('message_templates');
    this.#versions = store.collection('message_template_versions');
  }

  async init(): Promise<void> {
    await this.#templates.createIndex({ keys: { nameKey: 1 }, unique: true, name: 'template_name_unique' });
    await this.#versions.createIndex({ keys: { templateId: 1, version: -1 } });
  }

  async list(query: MessageTemplateListQuery = {}): Promise<MessageTemplate[]> {
    const docs = await this.#templates.find(query.purpose ? { purpose: query.purpose } : {}, {
      sort: { nameKey: 1 },
      limit: 1000,
    });
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return docs.map(toTemplate).filter((t) => {
      const haystack = `${t.name} ${t.description ?? ''}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
  }

  async get(id: string): Promise<MessageTemplate> {
    const doc = await this.#templates.findOne({ _id: id });
    if (!doc) throw notFound('template', id);
    return toTemplate(doc);
  }

  async byName(name: string): Promise<MessageTemplate | null> {
    const doc = await this.#templates.findOne({ nameKey: nameKey(name) });
    return doc ? toTemplate(doc) : null;
  }

  async create(input: MessageTemplateCreate, author: Actor): Promise<MessageTemplate> {
    this.#checkBody(input.body);
    const now = this.deps.clock.now().toISOString();
    const template: MessageTemplate = {
      id: newId('tpl'),
      name: input.name.trim(),
      purpose: input.purpose,
      ...(input.description ? { description: input.description } : {}),
      version: 1,
      body: input.body,
      author,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.#templates.insertOne({ ...toStored(template), nameKey: nameKey(template.name) });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw this.#nameTaken(template.name);
      throw err;
    }
    await this.#keep(template, now);
    return template;
  }

  async update(id: string, patch: MessageTemplateUpdate, author: Actor): Promise<MessageTemplate> {
    const current = await this.get(id);
    if (patch.body) this.#checkBody(patch.body);
    if (current.version !== patch.baseVersion) throw this.#stale(current, patch.baseVersion);
    const { baseVersion, note, ...changes } = patch;
    const now = this.deps.clock.now().toISOString();
    const name = changes.name?.trim() ?? current.name;
    const set: Record<string, unknown> = {
      ...changes,
      name,
      nameKey: nameKey(name),
      version: baseVersion + 1,
      author,
      updatedAt: now,
    };
    let updated: StoredTemplate | null;
    try {
      // Conditional on the version: of two saves from the same base, exactly one lands.
      updated = await this.#templates.findOneAndUpdate({ _id: id, version: baseVersion }, { $set: set });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw this.#nameTaken(name);
      throw err;
    }
    if (!updated) throw this.#stale(await this.get(id), baseVersion);
    const template = toTemplate(updated);
    await this.#keep(template, now, note);
    return template;
  }

  /** Every saved version, newest first. */
  async versions(id: string): Promise<MessageTemplateVersion[]> {
    await this.get(id);
    const docs = await this.#versions.find({ templateId: id }, { sort: { version: -1 }, limit: 1000 });
    return docs.map(toVersion);
  }

  async version(id: string, version: number): Promise<MessageTemplateVersion> {
    const doc = await this.#versions.findOne({ _id: `${id}@${version}` });
    if (!doc) throw new ProblemError('not-found', `template ${id} has no version ${version}`);
    return toVersion(doc);
  }

  async #keep(template: MessageTemplate, at: string, note?: string): Promise<void> {
    const version: StoredVersion = {
      _id: `${template.id}@${template.version}`,
      templateId: template.id,
      version: template.version,
      name: template.name,
      purpose: template.purpose,
      ...(template.description ? { description: template.description } : {}),
      body: template.body,
      author: template.author,
      ...(note ? { note } : {}),
      createdAt: at,
    };
    await this.#versions.insertOne(version);
  }

  /** Liquid syntax errors as field errors of the input's `body` (the studio shows them by the box). */
  #checkBody(body: NotificationTemplate): void {
    const problems = this.renderer.check(body);
    if (!problems.length) return;
    throw new InputError(
      'validation',
      `the template does not parse: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems.map((p) => ({ pointer: `/body/${p.field}`, detail: p.message })),
    );
  }

  /** Refused on the name field (422), so the studio shows it there; the unique index is the guard. */
  #nameTaken(name: string): ProblemError {
    return invalidInput('/name', `a template named "${name}" already exists`);
  }

  #stale(current: MessageTemplate, base: number): ProblemError {
    const who = current.author.name ?? 'someone else';
    return new ProblemError(
      'conflict',
      `"${current.name}" is at version ${current.version} (saved by ${who}), not ${base}: reload it and apply your change again`,
    );
  }
}
