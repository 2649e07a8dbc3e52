import type { BriefCustomer, BriefDeadline, HandoffBrief } from '@baton/schemas/types';
import { useNow } from '../../hooks/useNow.ts';
import { absoluteTime, deadlineInWords, relativeTime } from '../../lib/format.ts';
import { LocalTime } from '../LocalTime.tsx';
import { EvidenceLink } from './EvidenceLink.tsx';

const AUTHOR_WORDS: Record<string, string> = {
  customer: 'customer',
  agent: 'agent',
  user: 'team',
  integration: 'CRM',
  system: 'Baton',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Who the customer is, on one line: name and company, tier, plan, value, and their wall clock now
 * (live, not the time the brief was made).
 */
export function BriefCustomerLine({ customer }: { customer: BriefCustomer }) {
  const who = [customer.name, customer.company].filter(Boolean).join(', ');
  const facts = [
    customer.tier ? `${capital(customer.tier)} tier` : null,
    customer.plan ? `${customer.plan} plan` : null,
    customer.value,
  ].filter((f): f is string => Boolean(f));
  if (!who && facts.length === 0 && !customer.timeZone) return null;
  return (
    <p className="brief-fact">
      <span className="brief-fact-label">Customer</span>
      <span>
        {who && <strong>{who}</strong>}
        {facts.map((f) => (
          <span key={f}>
            <span className="brief-dot" aria-hidden="true">
              {' · '}
            </span>
            {f}
          </span>
        ))}
        {customer.timeZone && (
          <span>
            <span className="brief-dot" aria-hidden="true">
              {' · '}
            </span>
            local time <LocalTime timeZone={customer.timeZone} />
          </span>
        )}
      </span>
    </p>
  );
}

/** The sentence with the words that state the deadline marked, so the reader sees what was said. */
function withPhrase(text: string, phrase: string | undefined) {
  const at = phrase ? text.indexOf(phrase) : -1;
  if (!phrase || at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark className="brief-phrase">{phrase}</mark>
      {text.slice(at + phrase.length)}
    </>
  );
}

/**
 * The deadline in force: when it falls in the customer's time zone and how far off that is, then
 * what they said, quoted and linked to the message.
 */
export function BriefDeadlineLine({
  deadline,
  issueId,
  inPlace,
}: {
  deadline: BriefDeadline | undefined;
  issueId: string;
  inPlace: boolean;
}) {
  const now = useNow(60_000);
  if (!deadline) return null;
  const source = deadline.sources[0];
  const due = deadline.due;
  const overdue = due?.at ? Date.parse(due.at) < now : false;
  return (
    <div className="brief-fact">
      <span className="brief-fact-label">Deadline</span>
      <div>
        <div>
          {due ? (
            <strong className={overdue ? 'brief-overdue' : undefined} title={due.label}>
              {deadlineInWords(due)}
            </strong>
          ) : (
            <strong>date not stated</strong>
          )}
          {due?.at && (
            <span className="muted">
              {' · '}
              {overdue ? `passed ${relativeTime(due.at, now)}` : relativeTime(due.at, now)}
            </span>
          )}
        </div>
        <q className="brief-quote">{withPhrase(deadline.text, deadline.phrase)}</q>
        {source && (
          <EvidenceLink issueId={issueId} eventId={source.eventId} inPlace={inPlace}>
            <span title={absoluteTime(source.at)}>
              {AUTHOR_WORDS[source.author] ?? source.author}, {relativeTime(source.at, now)}
            </span>
          </EvidenceLink>
        )}
      </div>
    </div>
  );
}

/** What the customer asked and what they were told in answer, pair by pair. */
export function AskedTold({
  pairs,
  issueId,
  inPlace,
}: {
  pairs: HandoffBrief['questionsAnswered'];
  issueId: string;
  inPlace: boolean;
}) {
  const now = useNow();
  if (pairs.length === 0) return null;
  const link = (item: HandoffBrief['questionsAnswered'][number]['question']) => {
    const source = item.sources[0];
    if (!source) return null;
    return (
      <EvidenceLink issueId={issueId} eventId={source.eventId} inPlace={inPlace}>
        <span title={absoluteTime(source.at)}>{relativeTime(source.at, now)}</span>
      </EvidenceLink>
    );
  };
  return (
    <section className="brief-section">
      <h3 className="brief-heading">Asked and told</h3>
      <ul className="brief-lines">
        {pairs.map((qa) => (
          <li key={`${qa.question.sources[0]?.eventId}:${qa.question.text}`} className="brief-qa">
            <div className="brief-qa-row">
              <span className="brief-qa-label">Asked</span>
              <span>
                {qa.question.text}
                {link(qa.question)}
              </span>
            </div>
            <div className="brief-qa-row">
              <span className="brief-qa-label">Told</span>
              <span>
                {qa.answer.text}
                {link(qa.answer)}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
