/**
 * Under `npm start` the server is the bundle (server/dist/main.mjs, built by the test run's global
 * setup from the code under test), and its worker threads start from their own bundles beside it,
 * as plain JavaScript (shared/worker-entry.ts). The real classes, told they run bundled, start the
 * retrieval thread and the template renderer from those files and get answers from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerVectors as WorkerVectorsType } from '../../server/src/intelligence/retrieval/vector-worker.ts';
import type { TemplateSandbox as TemplateSandboxType } from '../../server/src/notify/template-sandbox.ts';

const bundled = process.env.BATON_BUNDLE;
let vectors: WorkerVectorsType;
let templates: TemplateSandboxType;

beforeAll(async () => {
  // Read when the modules load: set before they are imported (each test file has its own modules).
  process.env.BATON_BUNDLE = '1';
  const { WorkerVectors } = await import('../../server/src/intelligence/retrieval/vector-worker.ts');
  const { TemplateSandbox } = await import('../../server/src/notify/template-sandbox.ts');
  vectors = new WorkerVectors({ documents: () => [], onError: (err) => expect.fail(err.message) });
  templates = new TemplateSandbox();
});

afterAll(async () => {
  if (bundled === undefined) delete process.env.BATON_BUNDLE;
  else process.env.BATON_BUNDLE = bundled;
  await vectors?.close();
  await templates?.close();
});

describe('worker threads of the bundled server', () => {
  it('runs the retrieval thread from dist/vector-worker.mjs', async () => {
    vectors.add([
      {
        key: 'issue:1',
        text: { subject: 'Refund a double charge', body: 'We were charged twice this month.' },
      },
      { key: 'issue:2', text: { subject: 'Password reset fails', body: 'The reset link is refused.' } },
    ]);
    const { hits } = await vectors.search(
      { subject: 'Charged twice', body: 'A double charge on my card.' },
      1,
    );
    expect(hits.map((h) => h.id)).toEqual(['issue:1']);
  });

  it('renders a template with tags on the thread from dist/template-worker.mjs', async () => {
    const message = await templates.render(
      { text: '{% for i in (1..3) %}{{ i }}{% endfor %} for {{ name }}' },
      'email',
      { name: 'Kim' },
    );
    expect(message.text).toBe('123 for Kim');
  });
});
