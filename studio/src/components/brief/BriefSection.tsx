import { useNow } from '../../hooks/useNow.ts';
import { absoluteTime, relativeTime } from '../../lib/format.ts';
import { EvidenceLink } from './EvidenceLink.tsx';

export interface BriefLine {
  text: string;
  /** The timeline events it quotes; the first is its evidence link. */
  sources: { eventId: string; at: string; author: string }[];
  /** A line built around a quote rather than quoted verbatim. */
  suggested?: boolean;
}

const AUTHOR_WORDS: Record<string, string> = {
  customer: 'customer',
  agent: 'agent',
  user: 'team',
  integration: 'integration',
  system: 'Baton',
};

/** One heading of a brief; every line carries a link to the event it came from. */
export function BriefSection({
  title,
  lines,
  issueId,
  inPlace,
}: {
  title: string;
  lines: BriefLine[];
  issueId: string;
  inPlace: boolean;
}) {
  const now = useNow();
  if (lines.length === 0) return null;
  return (
    <section className="brief-section">
      <h3 className="brief-heading">{title}</h3>
      <ul className="brief-lines">
        {lines.map((line, index) => {
          const source = line.sources[0];
          return (
            // Lines may repeat a sentence; their place in the brief is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: never reordered
            <li key={index} className={line.suggested ? 'brief-line brief-suggested' : 'brief-line'}>
              <span className="brief-text">{line.text}</span>
              {source && (
                <EvidenceLink issueId={issueId} eventId={source.eventId} inPlace={inPlace}>
                  <span title={absoluteTime(source.at)}>
                    {AUTHOR_WORDS[source.author] ?? source.author}, {relativeTime(source.at, now)}
                  </span>
                </EvidenceLink>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
