/**
 * A notification's text as the bell shows it. The text is written once for every channel, so an
 * email or a Slack message can carry a link to the issue ("Accept it in Baton before the offer
 * expires: https://baton.example/issues/iss_…"). In the bell that link is a raw address with an id in
 * it, beside an "Open issue" button that does the same: a link to the notification's own issue at the
 * end of the text is dropped (with the colon before it), one inside the text reads "this issue" and
 * opens it in the studio; any other address stays a link.
 */
export type BellPart = { kind: 'text'; text: string } | { kind: 'issue' } | { kind: 'link'; href: string };

const URL = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

export function bellText(text: string, issueId?: string): BellPart[] {
  const parts: BellPart[] = [];
  let at = 0;
  for (const match of text.matchAll(URL)) {
    const href = match[0];
    const start = match.index ?? 0;
    const before = text.slice(at, start);
    at = start + href.length;
    const own = issueId !== undefined && isIssueLink(href, issueId);
    if (
      own &&
      text
        .slice(at)
        .trim()
        .replace(/^[.)]+/, '') === ''
    ) {
      // The issue's link ends the text: "…expires: <link>" becomes "…expires."
      const head = before.replace(/[\s:]+$/, '');
      parts.push({ kind: 'text', text: /[.!?]$/.test(head) ? head : `${head}.` });
      at = text.length;
      break;
    }
    if (before) parts.push({ kind: 'text', text: before });
    parts.push(own ? { kind: 'issue' } : { kind: 'link', href });
  }
  const rest = text.slice(at);
  if (rest) parts.push({ kind: 'text', text: rest });
  return parts;
}

/** The same in plain text, for a desktop alert (a click on it opens the issue). */
export function bellPlainText(text: string, issueId?: string): string {
  return bellText(text, issueId)
    .map((part) => (part.kind === 'text' ? part.text : part.kind === 'issue' ? 'this issue' : part.href))
    .join('');
}

function isIssueLink(href: string, issueId: string): boolean {
  try {
    // The public address may carry a path of its own (https://example.com/support/issues/…).
    return new globalThis.URL(href).pathname.endsWith(`/issues/${encodeURIComponent(issueId)}`);
  } catch {
    return false;
  }
}
