/** The sender's edits: an asked/told pair left out (by its events) leaves the intelligence brief too. */
import type { Actor, Handoff } from '@baton/schemas';
import { describe, expect, it } from 'vitest';
import { editBrief } from './brief-edits.ts';

const src = (eventId: string) => [{ eventId, at: '2026-03-04T08:00:00.000Z', author: 'customer' as const }];

describe('editBrief', () => {
  it('drops a pair whose question and answer are both left out, and keeps the others', () => {
    const brief = {
      assembledFrom: 'timeline',
      assembledAt: '2026-03-04T09:00:00.000Z',
      summary: 'x',
      lastMessages: [],
      openQuestions: [],
      stepsTried: [],
      commitments: [],
      linkedEventIds: ['e1', 'e2', 'e3', 'e4'],
      intelligence: {
        questionsAnswered: [
          { question: { text: 'Q1?', sources: src('e1') }, answer: { text: 'A1.', sources: src('e2') } },
          { question: { text: 'Q2?', sources: src('e3') }, answer: { text: 'A2.', sources: src('e4') } },
        ],
      },
    } as unknown as Handoff['brief'];
    const actor: Actor = { kind: 'user', id: 'usr_1', name: 'Ana' };
    const edited = editBrief(brief, { omitEventIds: ['e1', 'e2'] }, actor);
    const pairs = (edited.intelligence as { questionsAnswered: Array<{ question: { text: string } }> })
      .questionsAnswered;
    expect(pairs.map((p) => p.question.text)).toEqual(['Q2?']);
    expect(edited.linkedEventIds).toEqual(['e3', 'e4']);
  });
});
