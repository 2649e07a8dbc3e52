import { describe, expect, it } from 'vitest';
import { messageInWords } from './messages.ts';

describe('validation messages in words', () => {
  const labels = new Map([
    ['condition-5eo09n8k', 'Is it urgent?'],
    ['end-1', 'Done'],
  ]);
  const labelOf = (id: string) => labels.get(id);

  it('names nodes by their label, not their id', () => {
    expect(
      messageInWords(
        'output "false" of node condition-5eo09n8k leads nowhere; runs taking it end there',
        labelOf,
      ),
    ).toBe('output "false" of node “Is it urgent?” leads nowhere; runs taking it end there');
  });

  it('drops the prefix that repeats which node it is about', () => {
    expect(messageInWords('node end-1 (end): data must have property outcome', labelOf)).toBe(
      'data must have property outcome',
    );
  });

  it('names a field by its name in words, not its JSON pointer', () => {
    expect(messageInWords('/to is required', labelOf)).toBe('To is required');
    expect(messageInWords('/steps/0/duration must match pattern', labelOf)).toBe(
      'Steps › #1 › Duration must match pattern',
    );
  });

  it('leaves unknown ids as they are', () => {
    expect(messageInWords('edge e-9 points at node ghost-3', labelOf)).toBe(
      'edge e-9 points at node ghost-3',
    );
  });
});
