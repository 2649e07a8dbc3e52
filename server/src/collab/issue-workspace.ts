/**
 * `issue:<id>`: the shared workspace of one issue. Its Yjs structure (the contract with the studio;
 * the entry shapes are `schemas/workspace.schema.json`):
 *
 * | root          | type                          | value                                    |
 * | ------------- | ----------------------------- | ---------------------------------------- |
 * | `notes`       | Y.Text                        | free notes                               |
 * | `comments`    | Y.Map<id, WorkspaceComment>   | threaded comments (threadId, parentId)   |
 * | `annotations` | Y.Map<id, WorkspaceAnnotation>| notes pinned to a timeline event         |
 * | `decisions`   | Y.Map<id, WorkspaceDecision>  | the decision log: what, why, who, when   |
 * | `files`       | Y.Map<sha256, FileRef>        | files uploaded through the API           |
 *
 * Presence (who is here, cursors) travels as awareness state and is never stored.
 * Agents, integrators and admins write; viewers and designers read.
 */
import type {
  FileRef,
  IssueWorkspace,
  WorkspaceAnnotation,
  WorkspaceComment,
  WorkspaceDecision,
} from '@baton/schemas';
import type * as Y from 'yjs';
import type { Principal } from '../auth/principal.ts';
import { ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { HubDocument } from './document.ts';
import type { WorkspaceMirror } from './mirror.ts';
import { plainOrUndefined } from './plain.ts';
import type { DocumentAccess, DocumentKind } from './types.ts';
import type { WorkspaceValidators } from './validators.ts';

export const ISSUE_PREFIX = 'issue';

export const WorkspaceRoots = {
  notes: 'notes',
  comments: 'comments',
  annotations: 'annotations',
  decisions: 'decisions',
  files: 'files',
} as const;

export const issueDocumentName = (issueId: string) => `${ISSUE_PREFIX}:${issueId}`;

export function issueWorkspaceAccess(principal: Principal): DocumentAccess | null {
  const roles = principal.roles;
  if (roles.some((r) => r === 'admin' || r === 'agent' || r === 'integrator')) return 'write';
  if (roles.some((r) => r === 'viewer' || r === 'designer')) return 'read';
  return null;
}

/**
 * A map entry as plain JSON, whether the client stored a plain object or a Y.Map; `undefined` when
 * it nests too deep to read (bounded, so no entry can overflow the stack of its reader).
 */
export function entryJson(value: unknown): unknown {
  return plainOrUndefined(value);
}

function entries<T extends { id: string }>(
  doc: Y.Doc,
  root: string,
  valid: (value: unknown) => value is T,
  order: (entry: T) => string,
): T[] {
  const out: T[] = [];
  for (const [key, raw] of doc.getMap(root).entries()) {
    const value = entryJson(raw);
    if (valid(value) && value.id === key) out.push(value);
  }
  return out.sort((a, b) => order(a).localeCompare(order(b)) || a.id.localeCompare(b.id));
}

/** The workspace as JSON; entries that do not match their schema are left out. */
export function readWorkspace(doc: Y.Doc, issueId: string, validators: WorkspaceValidators): IssueWorkspace {
  const files: FileRef[] = [];
  for (const [key, raw] of doc.getMap(WorkspaceRoots.files).entries()) {
    const value = entryJson(raw);
    if (validators.fileRef(value) && value.sha256 === key) files.push(value);
  }
  files.sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.sha256.localeCompare(b.sha256));
  return {
    issueId,
    notes: doc.getText(WorkspaceRoots.notes).toString(),
    comments: entries<WorkspaceComment>(doc, WorkspaceRoots.comments, validators.comment, (c) => c.createdAt),
    annotations: entries<WorkspaceAnnotation>(
      doc,
      WorkspaceRoots.annotations,
      validators.annotation,
      (a) => a.createdAt,
    ),
    decisions: entries<WorkspaceDecision>(
      doc,
      WorkspaceRoots.decisions,
      validators.decision,
      (d) => d.decidedAt,
    ),
    files,
  };
}

export function issueWorkspaceKind(deps: { issues: IssueService; mirror: WorkspaceMirror }): DocumentKind {
  return {
    prefix: ISSUE_PREFIX,
    access: issueWorkspaceAccess,
    async open(id) {
      try {
        await deps.issues.get(id);
      } catch (error) {
        if (error instanceof ProblemError && error.kind === 'not-found') return null;
        throw error;
      }
      let detach: (() => Promise<void>) | undefined;
      return {
        attach(document: HubDocument) {
          detach = deps.mirror.watch(id, document);
        },
        async detach() {
          await detach?.();
        },
      };
    },
  };
}
