/**
 * Schema checks for what clients write into workspaces: entries are only read back (API, mirror)
 * when they match `schemas/workspace.schema.json`.
 */

import type { FileRef, WorkspaceAnnotation, WorkspaceComment, WorkspaceDecision } from '@baton/schemas';
import { createAjv, type SchemaAjv, schemaId } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';

export interface WorkspaceValidators {
  comment: (value: unknown) => value is WorkspaceComment;
  annotation: (value: unknown) => value is WorkspaceAnnotation;
  decision: (value: unknown) => value is WorkspaceDecision;
  fileRef: (value: unknown) => value is FileRef;
}

/**
 * Each check compiles on its first use, not at start: compiling them up front cost ~0.5 s of CPU
 * before the first answer. Pass the instance's shared Ajv (made in `createServices`) so schemas the engine
 * already compiled are not compiled again; one is built on first use otherwise.
 */
export function createWorkspaceValidators(shared?: SchemaAjv): WorkspaceValidators {
  let ajv = shared;
  const get = <T>(def: string) => {
    let validate: ValidateFunction<T> | undefined;
    return (value: unknown): value is T => {
      if (!validate) {
        ajv ??= createAjv();
        validate = ajv.getSchema(`${schemaId('workspace')}#/$defs/${def}`) as ValidateFunction<T> | undefined;
        if (!validate) throw new Error(`workspace schema has no $defs/${def}`);
      }
      return validate(value) as boolean;
    };
  };
  return {
    comment: get<WorkspaceComment>('comment'),
    annotation: get<WorkspaceAnnotation>('annotation'),
    decision: get<WorkspaceDecision>('decision'),
    fileRef: get<FileRef>('fileRef'),
  };
}
