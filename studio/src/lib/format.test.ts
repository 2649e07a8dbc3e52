import { describe, expect, it } from 'vitest';
import { deadlineInWords, displayValue, humanize, zoneName } from './format.ts';

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

describe('time zones and deadlines in words', () => {
  it('names a zone as people say it, not by its IANA id', () => {
    expect(zoneName('America/Los_Angeles')).toBe('Pacific Time');
    expect(zoneName('Europe/Berlin')).toBe('Central European Time');
    expect(zoneName('UTC')).toBe('UTC');
    expect(zoneName('Etc/UTC')).toBe('UTC');
    expect(zoneName('Not/AZone')).toBe('Not/AZone');
  });

  it("says when a deadline falls in the customer's zone, with the day alone when no time was named", () => {
    // 08:00 in Los Angeles on 8 Dec 2026 is 16:00 UTC.
    const at = deadlineInWords({
      date: '2026-12-08',
      at: '2026-12-08T16:00:00.000Z',
      timeZone: 'America/Los_Angeles',
    });
    expect(at).toMatch(/Tue.*Dec.*8.*8:00.*\(Pacific Time\)$/);
    expect(at).not.toContain('America/');
    expect(deadlineInWords({ date: '2026-12-08', timeZone: 'Europe/Berlin' })).toMatch(
      /^Tue.*Dec.*8 \(Central European Time\)$/,
    );
  });
});
