/**
 * Deadlines as customers state them, in English and German, resolved from when they were said in
 * the customer's time zone; the latest stated one wins; CRM deadline fields count; dates in the past
 * are references, not deadlines.
 */
import type { TimelineEvent } from '@baton/schemas';
import { describe, expect, it } from 'vitest';
import { findDeadlines, resolveDeadline } from './deadlines.ts';
import { sentencesOf } from './sentences.ts';

/** Wednesday 4 March 2026, 09:00 in Berlin. */
const WED = new Date('2026-03-04T08:00:00.000Z');
const BERLIN = { timeZone: 'Europe/Berlin' };

describe('resolveDeadline', () => {
  it.each([
    ['We need this resolved by Friday, that is payday.', 'by Friday', '2026-03-06', undefined],
    ['Das muss bis Donnerstag 12 Uhr laufen!', 'bis Donnerstag 12 Uhr', '2026-03-05', '12:00'],
    [
      'We need it before our board meeting on 14 March.',
      'before our board meeting on 14 March',
      '2026-03-14',
      undefined,
    ],
    ['Wir brauchen alles bis morgen 8 Uhr.', 'bis morgen 8 Uhr', '2026-03-05', '08:00'],
    ['Please fix it by EOD.', 'by EOD', '2026-03-04', '17:00'],
    ['We need the numbers by end of day today.', 'by end of day today', '2026-03-04', '17:00'],
    ['Wir benötigen das Angebot bis Monatsende.', 'bis Monatsende', '2026-03-31', undefined],
    ['Wir brauchen die Bestätigung bis Ende der Woche.', 'bis Ende der Woche', '2026-03-06', undefined],
    [
      'Unser Steuerberater braucht sie spätestens am Montag um 10 Uhr.',
      'spätestens am Montag um 10 Uhr',
      '2026-03-09',
      '10:00',
    ],
    [
      'Wir brauchen es jetzt bis Freitag, 13. März, 12 Uhr.',
      'bis Freitag, 13. März, 12 Uhr',
      '2026-03-13',
      '12:00',
    ],
    [
      'Die Rückgabe muss bis nächsten Mittwoch erledigt sein.',
      'bis nächsten Mittwoch',
      '2026-03-11',
      undefined,
    ],
    [
      'We go live next Monday, so the import must be finished by Sunday night.',
      'by Sunday',
      '2026-03-08',
      undefined,
    ],
    [
      'Our finance director wants this settled by the end of the quarter.',
      'by the end of the quarter',
      '2026-03-31',
      undefined,
    ],
    ['We need 20 more seats from the 1st.', 'the 1st', '2026-04-01', undefined],
    ['Wir müssen bis 14 Uhr die Tagesabrechnung machen.', 'bis 14 Uhr', '2026-03-04', '14:00'],
  ])('%s', (text, phrase, date, time) => {
    const r = resolveDeadline(text, WED, BERLIN);
    expect(r?.phrase).toBe(phrase);
    expect(r?.due?.date).toBe(date);
    expect(r?.due?.time).toBe(time);
    expect(r?.due?.timeZone).toBe('Europe/Berlin');
  });

  it('counts from the customer’s local day and takes a zone they name', () => {
    // 06:00 UTC on Wednesday is still Tuesday evening in Los Angeles: "tomorrow" is Wednesday.
    const r = resolveDeadline(
      'We now need the access log by 8am Pacific tomorrow, not 9.',
      new Date('2026-03-04T06:00:00.000Z'),
      { timeZone: 'Europe/Berlin' },
    );
    expect(r?.phrase).toBe('by 8am Pacific tomorrow');
    expect(r?.due).toMatchObject({
      date: '2026-03-04',
      time: '08:00',
      at: '2026-03-04T16:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      label: 'Wed 4 Mar, 08:00 (America/Los_Angeles)',
    });
  });

  it('keeps "by then" as said, unresolved, and a month and day already past as a reference', () => {
    expect(resolveDeadline('They must be loaded by then.', WED, BERLIN)).toEqual({ phrase: 'by then' });
    expect(resolveDeadline('Wir haben die Rechnung am 12. Februar bezahlt.', WED, BERLIN)?.past).toBe(true);
  });
});

describe('findDeadlines', () => {
  const base = { issueId: 'iss_1', customerId: 'cus_1' };
  const customer = { kind: 'customer', id: 'cus_1', name: 'Olivia Grant' } as const;
  const events = [
    {
      ...base,
      id: 'e1',
      at: '2026-03-04T08:00:00.000Z',
      author: customer,
      type: 'customer_message',
      channel: 'email',
      text: 'We need the dashboards before our board meeting on 14 March.',
    },
    {
      ...base,
      id: 'e2',
      at: '2026-03-04T09:00:00.000Z',
      author: { kind: 'agent', id: 'agt_1', name: 'Priya Nair' },
      type: 'agent_reply',
      channel: 'email',
      text: 'We will deliver by Friday.',
    },
    {
      ...base,
      id: 'e3',
      at: '2026-03-04T10:00:00.000Z',
      author: customer,
      type: 'customer_message',
      channel: 'email',
      text: 'The meeting moved: it is now on 12 March, so we need everything before then.',
    },
    {
      ...base,
      id: 'e4',
      at: '2026-03-04T10:30:00.000Z',
      author: customer,
      type: 'customer_message',
      channel: 'email',
      text: 'We paid the invoice on 12 February.',
    },
  ] as TimelineEvent[];

  it('the latest the customer stated wins, never the agent’s, never a past date', () => {
    const found = findDeadlines(sentencesOf(events), events, { timeZone: 'Europe/London' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      text: 'The meeting moved: it is now on 12 March, so we need everything before then.',
      sources: [{ eventId: 'e3' }],
      due: { date: '2026-03-12', label: 'Thu 12 Mar (Europe/London)' },
    });
  });

  it('a newer CRM deadline field wins too, resolved in the customer’s zone', () => {
    const crm = {
      ...base,
      id: 'e5',
      at: '2026-03-04T11:00:00.000Z',
      author: { kind: 'integration', name: 'Salesforce' },
      type: 'crm_update',
      source: 'Salesforce',
      fields: { Go_Live_Date: '2026-03-20', renewal_date: '2026-06-30' },
    } as TimelineEvent;
    const all = [...events, crm];
    const found = findDeadlines(sentencesOf(all), all, { timeZone: 'Europe/London' });
    expect(found).toEqual([
      {
        text: 'Go_Live_Date: 2026-03-20',
        phrase: '2026-03-20',
        sources: [{ eventId: 'e5', at: crm.at, author: 'integration' }],
        due: { date: '2026-03-20', timeZone: 'Europe/London', label: 'Fri 20 Mar (Europe/London)' },
      },
    ]);
  });
});
