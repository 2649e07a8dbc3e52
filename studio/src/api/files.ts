import type { FileRef } from '@baton/schemas/types';
import { session } from '../auth/session.ts';
import { errorFromResponse, networkError } from './errors.ts';

/** Uploads one file into the issue's workspace (the raw bytes as the body, its name in the query). */
export async function uploadFile(issueId: string, file: File): Promise<FileRef> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch(
      `/api/issues/${encodeURIComponent(issueId)}/files?filename=${encodeURIComponent(file.name)}`,
      {
        method: 'POST',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': file.type || 'application/octet-stream',
          accept: 'application/json, application/problem+json',
        },
        body: file,
      },
    );
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as FileRef;
}

/** Downloads a workspace file under its own name (fetched with the session's token, then saved). */
export async function downloadFile(ref: Pick<FileRef, 'sha256' | 'name'>): Promise<void> {
  const token = session.token();
  const response = await fetch(`/api/files/${ref.sha256}?name=${encodeURIComponent(ref.name)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw await errorFromResponse(response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = ref.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
