/** The customer's satisfaction page: the question and two buttons, nothing internal. */
import type { Issue, PlaybookStep } from '@baton/schemas';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
button{font:inherit;padding:.6rem 1.2rem;margin-right:.6rem;border-radius:.4rem;border:1px solid #d0d7de;background:#f6f8fa;cursor:pointer}
textarea{width:100%;font:inherit;margin:.6rem 0}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function satisfactionPage(issue: Issue, step: PlaybookStep): string {
  const answered = step.status !== 'open';
  const body = answered
    ? '<p>Thank you — we have your answer.</p>'
    : `<form method="post"><p>${escapeHtml(step.satisfaction?.question ?? 'Are you satisfied?')}</p>
<label>Anything to add? (optional)<textarea name="comment" rows="3" maxlength="2000"></textarea></label>
<button name="answer" value="yes">Yes, thank you</button><button name="answer" value="no">No, not yet</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>How did we do?</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(issue.subject)}</h1>${body}</body></html>`;
}

export function thanksPage(step: PlaybookStep): string {
  const text =
    step.status === 'satisfied'
      ? 'Thank you — glad we could help.'
      : step.status === 'unsatisfied'
        ? 'Thank you for telling us. Someone from the team will follow up.'
        : 'Thank you — we have your answer.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thank you</title><style>${STYLE}</style></head><body><p>${text}</p></body></html>`;
}
