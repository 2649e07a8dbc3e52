import type { InputHTMLAttributes } from 'react';
import { FieldErrors } from './FieldErrors.tsx';

/**
 * One labelled text input of a settings form, with the server's problem for its field shown under it
 * (`pointer` names the field in the RFC 9457 problem, e.g. `/body/name`). `grow` lets it take the
 * row's spare width (descriptions).
 */
export function TextField({
  label,
  error,
  pointer,
  grow = false,
  ...input
}: {
  label: string;
  error?: unknown;
  pointer?: string;
  grow?: boolean;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={grow ? 'field field-grow' : 'field'}>
      <span className="field-label">{label}</span>
      <input className="settings-input" {...input} />
      {pointer && <FieldErrors error={error} pointer={pointer} />}
    </label>
  );
}
