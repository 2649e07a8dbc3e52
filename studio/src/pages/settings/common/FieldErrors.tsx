import { isApiError } from '../../../api/errors.ts';

/**
 * The problem's field errors that belong to one field (by JSON pointer prefix, e.g. `/body/name`),
 * shown under it. Everything else in the problem is shown by the form's ErrorNotice.
 */
export function FieldErrors({ error, pointer }: { error: unknown; pointer: string }) {
  if (!isApiError(error)) return null;
  const messages = error.fieldErrors(pointer);
  if (!messages.length) return null;
  return (
    <div className="field-error" role="alert">
      {messages.join('; ')}
    </div>
  );
}

/** Whether a problem has field errors under any of the pointers (so the banner need not repeat them). */
export function hasFieldErrors(error: unknown, pointers: readonly string[]): boolean {
  return isApiError(error) && pointers.some((p) => error.fieldErrors(p).length > 0);
}
