/** The collaboration hub: what other modules may use. */
export type { FileStore, StoredFileInfo } from './files.ts';
export type { FlowDraft, FlowDraftSource } from './flow-draft.ts';
export { FlowDraftRoots, flowDocumentName, flowDraftKind } from './flow-draft.ts';
export { CollabHub, type CollabHubDeps, DocumentNotFoundError } from './hub.ts';
export { issueDocumentName, WorkspaceRoots } from './issue-workspace.ts';
export { COLLAB_DEFAULTS, type CollabOptions, type CollabOptionsInput } from './options.ts';
export { CloseCode } from './protocol.ts';
export { COLLAB_PROTOCOL, collabRoutes, TOKEN_PROTOCOL_PREFIX } from './routes.ts';
export type {
  CollabExtension,
  CollabHookPayloads,
  DocumentAccess,
  DocumentKind,
  DocumentSession,
} from './types.ts';
