/**
 * The hub reads the bearer token of a WebSocket upgrade from this cookie (server/src/collab/routes.ts
 * `TOKEN_COOKIE`), so the token never sits in a URL. Scoped to `/collab`, same-site only.
 */
const NAME = 'baton_token';

export function setCollabCookie(token: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the hub reads this cookie; the Cookie Store API is not everywhere yet
  document.cookie = `${NAME}=${encodeURIComponent(token)}; Path=/collab; SameSite=Strict${secure}`;
}

export function clearCollabCookie(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: see setCollabCookie
  document.cookie = `${NAME}=; Path=/collab; Max-Age=0; SameSite=Strict`;
}
