/**
 * Schema checks for what clients write into workspaces: entries are only read back (API, mirror)
 * when they match `schemas/workspace.schema.json`.
 */

import type { FileRef, WorkspaceAnnotation, WorkspaceComment, WorkspaceDecision } from '@baton/schemas';
import { createAjv, schemaId } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';

export interface WorkspaceValidators {
  comment: (value: unknown) => value is WorkspaceComment;
  annotation: (value: unknown) => value is WorkspaceAnnotation;
  decision: (value: unknown) => value is WorkspaceDecision;
  fileRef: (value: unknown) => value is FileRef;
}

export function createWorkspaceValidators(): WorkspaceValidators {
  const ajv = createAjv();
  const get = <T>(def: string) => {
    const validate = ajv.getSchema(`${schemaId('workspace')}#/$defs/${def}`) as
      | ValidateFunction<T>
      | undefined;
    if (!validate) throw new Error(`workspace schema has no $defs/${def}`);
    return (value: unknown): value is T => validate(value) as boolean;
  };
  return {
    comment: get<WorkspaceComment>('comment'),
    annotation: get<WorkspaceAnnotation>('annotation'),
    decision: get<WorkspaceDecision>('decision'),
    fileRef: get<FileRef>('fileRef'),
  };
}
