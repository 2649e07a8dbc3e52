import { describe, expect, it } from 'vitest';
import { displayValue, humanize } from './format.ts';

describe("labels and values in the user's words", () => {
  it('turns keys into labels, with acronyms as letters', () => {
    expect(humanize('on_hold')).toBe('On hold');
    expect(humanize('statusChanged')).toBe('Status changed');
    expect(humanize('arr')).toBe('ARR');
    expect(humanize('csm')).toBe('CSM');
    expect(humanize('renewal_date')).toBe('Renewal date');
  });

  it('shows amounts with separators, years as written, records as fields (never JSON)', () => {
    expect(displayValue(310000)).toBe('310,000');
    expect(displayValue(2026)).toBe('2026');
    expect(displayValue(true)).toBe('Yes');
    expect(displayValue(['a', 'b'])).toBe('a, b');
    expect(displayValue({ seats: 25, account_owner: 'Nadia Fox' })).toBe(
      'Seats: 25 · Account owner: Nadia Fox',
    );
    expect(displayValue(null)).toBe('—');
  });
});
