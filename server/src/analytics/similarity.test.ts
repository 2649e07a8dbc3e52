import { describe, expect, it } from 'vitest';
import { contentWords, restates, shingles } from './similarity.ts';

const story = 'My nightly export fails with error 504 and the invoice totals are missing.';

describe('context loss: does a customer message restate an earlier one', () => {
  it('drops stopwords, one-letter words and plural s before comparing', () => {
    expect(contentWords('As I said, the invoices are missing!')).toEqual(['invoice', 'missing']);
    expect(shingles('export fails nightly')).toEqual(
      new Set(['export', 'fail', 'nightly', 'export fail', 'fail nightly']),
    );
  });

  it('counts a restatement in other words around the same facts', () => {
    expect(
      restates('As I said before: my nightly export fails with error 504, and invoice totals are missing!', [
        story,
      ]),
    ).toBe(true);
    expect(
      restates('Again — the export fails every night with a 504 and the invoice totals are missing', [story]),
    ).toBe(true);
  });

  it('does not count short follow-ups, new information or a different problem', () => {
    expect(restates('Thanks, any update?', [story])).toBe(false);
    expect(restates('Error 504 again', [story])).toBe(false); // too short to judge (under four shingles)
    expect(restates('The export works now but the PDF attachment of the invoice is blank', [story])).toBe(
      false,
    );
    expect(restates('I cannot sign in to the portal since the password reset yesterday', [story])).toBe(
      false,
    );
  });

  it('compares with every earlier message', () => {
    const earlier = ['Hello', 'I cannot sign in to the portal since the password reset yesterday'];
    expect(
      restates('Like I told you, I cannot sign in to the portal since the password reset', earlier),
    ).toBe(true);
  });
});
