/** Reading a MongoDB URI without ever repeating its credentials in a message. */

const URI = /^(mongodb(?:\+srv)?):\/\/(?:([^/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?/;

/** `mongodb://host:port,other` (no user, password or options), for error messages and logs. */
export function describeUri(uri: string): string {
  const match = URI.exec(uri);
  return match ? `${match[1]}://${match[3]}` : '(unparseable MongoDB URI)';
}

/** The database named in the URI's path, if any. */
export function databaseFromUri(uri: string): string | undefined {
  const name = URI.exec(uri)?.[4];
  return name ? decodeURIComponent(name) : undefined;
}

/** Removes the URI's credentials from text that might quote it (driver error messages). */
export function redactCredentials(text: string, uri: string): string {
  const credentials = URI.exec(uri)?.[2];
  if (!credentials) return text;
  let out = text.split(credentials).join('***');
  for (const part of credentials.split(':')) if (part.length > 3) out = out.split(part).join('***');
  return out;
}
