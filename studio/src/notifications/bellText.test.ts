import { describe, expect, it } from 'vitest';
import { bellPlainText, bellText } from './bellText.ts';

const offer =
  'Webhooks stopped (high priority) is offered to you. Accept it in Baton before the offer expires: http://baton.example:3000/issues/iss_01ABC';

describe('a notification in the bell', () => {
  it("drops the link to its own issue at the end of the text (the bell's button opens it)", () => {
    expect(bellText(offer, 'iss_01ABC')).toEqual([
      {
        kind: 'text',
        text: 'Webhooks stopped (high priority) is offered to you. Accept it in Baton before the offer expires.',
      },
    ]);
  });

  it('knows its issue behind a public address with a path of its own', () => {
    expect(bellText('Open: https://example.com/support/issues/iss_1', 'iss_1')).toEqual([
      { kind: 'text', text: 'Open.' },
    ]);
  });

  it('ends the sentence once, whether or not it had its full stop', () => {
    expect(bellText('Open it now. http://b.example/issues/iss_1', 'iss_1')).toEqual([
      { kind: 'text', text: 'Open it now.' },
    ]);
  });

  it('names its own issue in words where the link sits inside the text', () => {
    expect(bellText('See http://b.example/issues/iss_1 for the log.', 'iss_1')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'issue' },
      { kind: 'text', text: ' for the log.' },
    ]);
  });

  it("keeps any other address as a link, without the sentence's full stop", () => {
    expect(bellText('Status: https://b.example/status/abc.', 'iss_1')).toEqual([
      { kind: 'text', text: 'Status: ' },
      { kind: 'link', href: 'https://b.example/status/abc' },
      { kind: 'text', text: '.' },
    ]);
  });

  it("leaves another issue's link a link, and text without links as it is", () => {
    expect(bellText('Was http://b.example/issues/iss_2', 'iss_1')).toEqual([
      { kind: 'text', text: 'Was ' },
      { kind: 'link', href: 'http://b.example/issues/iss_2' },
    ]);
    expect(bellText('Nothing to open.')).toEqual([{ kind: 'text', text: 'Nothing to open.' }]);
  });

  it('reads the same in a desktop alert, in plain text', () => {
    expect(bellPlainText(offer, 'iss_01ABC')).toMatch(/before the offer expires\.$/);
    expect(bellPlainText('See http://b.example/issues/iss_1 now', 'iss_1')).toBe('See this issue now');
  });
});
