/**
 * `flow:<id>`: the live draft of a flow or playbook, co-edited in the studio. Its Yjs structure keys
 * every element by its stable id, so concurrent edits of different nodes never conflict and React
 * Flow renders the result as it is:
 *
 * | root    | type                       | keys of each inner Y.Map                              |
 * | ------- | -------------------------- | ----------------------------------------------------- |
 * | `meta`  | Y.Map                      | `name`, `description` (strings)                       |
 * | `nodes` | Y.Map<nodeId, Y.Map>       | `id`, `type`, `label`, `position` {x,y}, `data` (JSON) |
 * | `edges` | Y.Map<edgeId, Y.Map>       | `id`, `source`, `sourceHandle`, `target`, `targetHandle` |
 *
 * Each inner key holds a plain JSON value, replaced whole on change: moving a node and editing its
 * data are separate keys and merge; two people editing the same node's `data` at once: last wins.
 * Designers and admins write; every other role reads.
 *
 * The flows module reads the draft at publish time (`CollabHub.readFlowDraft`) — it validates it
 * there, nothing here does — and seeds it from its stored draft (`seedFlowDraft`, or lazily through
 * a {@link FlowDraftSource} when a never-edited draft is first opened). What editors change is
 * handed back to the source (`saveDraft`, at most every {@link SAVE_DRAFT_DELAY_MS} and once more
 * when the document unloads), so the stored draft, its validation and the flows list follow the
 * live one.
 */
import type { FlowEdge, FlowNode } from '@baton/schemas';
import {
  draftElement,
  FLOW_DOCUMENT_PREFIX,
  FLOW_EDGE_KEYS,
  FLOW_NODE_KEYS,
  FlowDraftRoots,
  flowDocumentName,
} from '@baton/schemas/flow';
import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';
import type { Principal } from '../auth/principal.ts';
import { plainOrUndefined } from './plain.ts';
import {
  type CollabLogger,
  type DocumentAccess,
  type DocumentKind,
  LOAD_ORIGIN,
  SERVER_ORIGIN,
} from './types.ts';

// The layout is shared with the studio (`@baton/schemas/flow`), which edits these documents.
export { FlowDraftRoots, flowDocumentName };
export const FLOW_PREFIX = FLOW_DOCUMENT_PREFIX;

/** The editable part of a flow document, as the live draft holds it. Not validated. */
export interface FlowDraft {
  name?: string;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Where a flow draft comes from the first time its live document is opened. */
export interface FlowDraftSource {
  /** The stored draft of flow `flowId`, or null when there is no such flow (the client gets 4404). */
  loadDraft(flowId: string): Promise<FlowDraft | null>;
  /**
   * Editors changed the live draft: keep the stored copy in step. `editor` is who made the last of
   * the changes (null when unknown). Called one at a time per document; a failure is logged.
   */
  saveDraft?(flowId: string, draft: FlowDraft, editor: Principal | null): Promise<void>;
}

/**
 * How long edits gather before the live draft is handed back to its source: a drag or a burst of
 * typing becomes one store write, while the flows list is never more than a moment behind.
 */
export const SAVE_DRAFT_DELAY_MS = 500;

const NODE_KEYS = FLOW_NODE_KEYS;
const EDGE_KEYS = FLOW_EDGE_KEYS;

export function flowDraftAccess(principal: Principal): DocumentAccess | null {
  if (principal.roles.some((r) => r === 'admin' || r === 'designer')) return 'write';
  return principal.roles.length ? 'read' : null;
}

function elements<T>(map: Y.Map<unknown>, keys: readonly string[]): T[] {
  const out: Record<string, unknown>[] = [];
  for (const [id, raw] of map.entries()) {
    // Bounded: an element nested too deep to read is left out (publishing then reports it missing).
    const element = draftElement<Record<string, unknown>>(id, plainOrUndefined(raw), keys);
    if (element) out.push(element);
  }
  // Stable across replicas and reads (a Y.Map's own order is not).
  out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return out as T[];
}

/** The draft as JSON: each element's known fields copied as stored, its id being its key. */
export function readFlowDraftFrom(doc: Y.Doc): FlowDraft {
  const meta = doc.getMap<unknown>(FlowDraftRoots.meta);
  const name = meta.get('name');
  const description = meta.get('description');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    nodes: elements<FlowNode>(doc.getMap(FlowDraftRoots.nodes), NODE_KEYS),
    edges: elements<FlowEdge>(doc.getMap(FlowDraftRoots.edges), EDGE_KEYS),
  };
}

function syncFields(target: Y.Map<unknown>, source: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const value = source[key];
    if (value === undefined) {
      if (target.has(key)) target.delete(key);
    } else if (!equalityDeep(target.get(key), value)) {
      target.set(key, value);
    }
  }
}

function syncElements(map: Y.Map<unknown>, list: readonly { id: string }[], keys: readonly string[]): void {
  const wanted = new Set(list.map((e) => e.id));
  for (const id of [...map.keys()]) if (!wanted.has(id)) map.delete(id);
  for (const element of list) {
    let inner = map.get(element.id);
    if (!(inner instanceof Y.Map)) {
      inner = new Y.Map<unknown>();
      map.set(element.id, inner);
    }
    syncFields(inner as Y.Map<unknown>, element as unknown as Record<string, unknown>, keys);
  }
}

/**
 * Makes the document hold exactly `draft`, changing only what differs: elements that did not change
 * keep their Yjs identity, so people editing them at that moment lose nothing.
 */
export function writeFlowDraftTo(doc: Y.Doc, draft: FlowDraft): void {
  const meta = doc.getMap<unknown>(FlowDraftRoots.meta);
  syncFields(meta, { name: draft.name, description: draft.description }, ['name', 'description']);
  syncElements(doc.getMap(FlowDraftRoots.nodes), draft.nodes, NODE_KEYS);
  syncElements(doc.getMap(FlowDraftRoots.edges), draft.edges, EDGE_KEYS);
}

export function flowDraftKind(source: () => FlowDraftSource | null, log: CollabLogger): DocumentKind {
  return {
    prefix: FLOW_PREFIX,
    access: flowDraftAccess,
    async open(id, { stored }) {
      const from = source();
      const seed = stored ? null : ((await from?.loadDraft(id)) ?? null);
      if (!stored && !seed) return null;
      let timer: NodeJS.Timeout | null = null;
      let editor: Principal | null = null;
      let saving = Promise.resolve();
      let doc: Y.Doc | null = null;
      const save = () => {
        timer = null;
        if (!doc || !from?.saveDraft) return;
        let draft: FlowDraft;
        try {
          draft = readFlowDraftFrom(doc);
        } catch (err) {
          // Runs in a timer: a throw here would end the process.
          log.error({ err, document: flowDocumentName(id) }, 'reading the live flow draft failed');
          return;
        }
        const by = editor;
        saving = saving
          .then(() => from.saveDraft?.(id, draft, by))
          .catch((err) =>
            log.error({ err, document: flowDocumentName(id) }, 'saving the live flow draft failed'),
          );
      };
      return {
        attach(document) {
          doc = document.doc;
          if (seed) document.change((d) => writeFlowDraftTo(d, seed));
          document.doc.on('update', (_update: Uint8Array, origin: unknown) => {
            // The server's own writes (loading, seeding, API changes) are stored by whoever made them.
            if (origin === LOAD_ORIGIN || origin === SERVER_ORIGIN) return;
            editor = (origin as { principal?: Principal | null } | null)?.principal ?? editor;
            if (!timer) {
              timer = setTimeout(save, SAVE_DRAFT_DELAY_MS);
              timer.unref();
            }
          });
        },
        async detach() {
          if (timer) {
            clearTimeout(timer);
            save();
          }
          await saving;
        },
      };
    },
  };
}
