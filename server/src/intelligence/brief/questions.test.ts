/**
 * Pairing by content: a question asked again is one question; a call pasted as "Agent: / Kunde:"
 * lines is split by speaker; holding lines and internal notes never answer; a promise does not
 * answer a "which" or "why".
 */
import type { TimelineEvent } from '@baton/schemas';
import { describe, expect, it } from 'vitest';
import { pairQuestions } from './questions.ts';
import { sentencesOf, speakerLines } from './sentences.ts';

const base = { issueId: 'iss_1', customerId: 'cus_1' };
const customer = { kind: 'customer', id: 'cus_1', name: 'Olivia Grant' } as const;
const agent = { kind: 'agent', id: 'agt_1', name: 'Priya Nair' } as const;
let n = 0;
const at = () => new Date(Date.UTC(2026, 2, 4, 8, n++)).toISOString();
const c = (text: string) =>
  ({
    ...base,
    id: `e${n}`,
    at: at(),
    author: customer,
    type: 'customer_message',
    channel: 'email',
    text,
  }) as TimelineEvent;
const a = (text: string) =>
  ({
    ...base,
    id: `e${n}`,
    at: at(),
    author: agent,
    type: 'agent_reply',
    channel: 'email',
    text,
  }) as TimelineEvent;
const note = (text: string) =>
  ({ ...base, id: `e${n}`, at: at(), author: agent, type: 'internal_note', text }) as TimelineEvent;
const call = (segments: Array<[string, string]>) =>
  ({
    ...base,
    id: `e${n}`,
    at: at(),
    author: agent,
    type: 'call_transcript',
    durationSec: 60,
    segments: segments.map(([speaker, text], i) => ({ speaker, text, startSec: i * 10, endSec: i * 10 + 9 })),
  }) as TimelineEvent;

const pairs = (events: TimelineEvent[]) =>
  pairQuestions(sentencesOf(events, { customerName: 'Olivia Grant' })).map((p) => [
    p.question.text,
    p.answer?.text ?? null,
  ]);

describe('pairQuestions', () => {
  it('counts a question asked again once, as first asked, answered after either asking', () => {
    const events = [
      c('The export keeps failing at 62%. Is there a size limit on the export?'),
      a('Thanks for the details. I will check the logs and get back to you.'),
      note('The limit is 2 GB per export bundle.'),
      c('Any news? Also, can we keep the old cluster read-only until the migration is done?'),
      a('Yes, we can keep your old cluster in read-only mode until the migration is finished.'),
      c('But is there a size limit on exports or not? Nobody has answered that yet.'),
      a('There is a limit: a single export bundle can be at most 2 GB, so the export stops part-way.'),
      c('Will the dashboard permissions survive the move?'),
      a("I'm still checking the permissions with the product team and will keep you posted."),
      c('Any update on the permissions question?'),
    ];
    expect(pairs(events)).toEqual([
      [
        'Is there a size limit on the export?',
        'There is a limit: a single export bundle can be at most 2 GB, so the export stops part-way.',
      ],
      [
        'Also, can we keep the old cluster read-only until the migration is done?',
        'Yes, we can keep your old cluster in read-only mode until the migration is finished.',
      ],
      ['Will the dashboard permissions survive the move?', null],
    ]);
  });

  it('does not merge different questions that share words', () => {
    const events = [
      c('Who created that key?'),
      a('The key was created in November 2025 by your user j.ortega.'),
      c('Can you also send us a list of all other keys created by former employees?'),
    ];
    expect(pairs(events).map(([q]) => q)).toEqual([
      'Who created that key?',
      'Can you also send us a list of all other keys created by former employees?',
    ]);
  });

  it('splits a call pasted as labelled lines by speaker, and takes the agent’s next turn as a live answer', () => {
    const events = [
      call([
        [
          'Transkript',
          'Agent: Frau Grant, hier Priya vom Support.\nKunde: Haben Sie unsere Zahlung gefunden?\nAgent: Ja, Ihre Zahlung ist am 13. Februar bei uns eingegangen.',
        ],
      ]),
      call([
        ['Customer', 'Which data did they access with the key?'],
        ['Agent', 'They made 41 read requests and no write requests.'],
      ]),
      a("I'll email you the full access log for the key by 6pm today."),
    ];
    expect(pairs(events)).toEqual([
      ['Haben Sie unsere Zahlung gefunden?', 'Ja, Ihre Zahlung ist am 13. Februar bei uns eingegangen.'],
      ['Which data did they access with the key?', 'They made 41 read requests and no write requests.'],
    ]);
  });

  it('never takes a holding line or "let me find out" as an answer', () => {
    const events = [
      call([
        ['Customer', 'Is it our network or your servers?'],
        ['Agent', 'Give me a moment to look at the traces.'],
        ['Agent', "It's on our side: a database index we changed on Monday slows the servers down."],
      ]),
      c('Can you set up an alert before the token expires?'),
      a('Good question, let me find out.'),
    ];
    expect(pairs(events)).toEqual([
      [
        'Is it our network or your servers?',
        "It's on our side: a database index we changed on Monday slows the servers down.",
      ],
      ['Can you set up an alert before the token expires?', null],
    ]);
  });
});

describe('speakerLines', () => {
  it('needs two labelled lines; anything else is one turn', () => {
    expect(speakerLines('Agent: Hallo.\nKunde: Guten Tag.')).toEqual([
      { speaker: 'Agent', text: 'Hallo.' },
      { speaker: 'Kunde', text: 'Guten Tag.' },
    ]);
    expect(speakerLines('Wichtig: bitte neu starten.')).toBeNull();
  });
});
