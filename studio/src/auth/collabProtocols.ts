/**
 * The WebSocket subprotocols the studio offers the hub (server/src/collab/routes.ts
 * `COLLAB_PROTOCOL`, `TOKEN_PROTOCOL_PREFIX`): `baton`, which the hub answers with, and the bearer
 * token as `baton.bearer.<base64url(token)>`. A browser cannot set headers on a WebSocket, and this
 * keeps the token out of the URL (and so out of logs) without a cookie write racing the socket.
 */
export function collabProtocols(token: string | null): string[] {
  if (!token) return [];
  let binary = '';
  for (const byte of new TextEncoder().encode(token)) binary += String.fromCharCode(byte);
  const base64url = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return ['baton', `baton.bearer.${base64url}`];
}
