/**
 * The router on its own: learning, explanations, persistence and versions in the store, and the
 * evaluation CLI on a small held-out split of the public ticket set (when ../shared has it).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/cli.ts';
import { ManualClock } from '../../shared/clock.ts';
import { openStore } from '../../store/index.ts';
import { describeWithData } from '../../testing/shared-data.ts';
import { stemEnglish, stemGerman } from '../text/stem.ts';
import { tokenize } from '../text/tokenize.ts';
import { type LabelledTicket, readTicketCsv, seededRandom, stratifiedSplit, writeCsv } from './dataset.ts';
import { accuracy, macroF1 } from './evaluate.ts';
import { RoutingModel } from './model.ts';
import { RoutingModelStore } from './store.ts';

const TRAIN_CSV = fileURLToPath(new URL('../../../../../shared/data/tickets/train.csv', import.meta.url));

/** Tickets of four queues written from each queue's own words plus shared support phrasing. */
function synthetic(n: number, seed: number): LabelledTicket[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const queues: Record<string, string[]> = {
    Billing: [
      'invoice',
      'refund',
      'charged',
      'payment',
      'Rechnung',
      'Zahlung',
      'credit card',
      'billing address',
    ],
    Network: ['VPN', 'router', 'latency', 'firewall', 'Netzwerk', 'Verbindung', 'packet loss', 'DNS'],
    Accounts: ['password', 'login', 'two-factor', 'locked out', 'Passwort', 'Anmeldung', 'username', 'SSO'],
    Hardware: [
      'printer',
      'laptop',
      'monitor',
      'keyboard',
      'Drucker',
      'Bildschirm',
      'battery',
      'docking station',
    ],
  };
  const shared = [
    'please help',
    'since yesterday',
    'our team',
    'urgent',
    'thank you',
    'it does not work',
    'bitte helfen',
  ];
  return Array.from({ length: n }, (_, i) => {
    const queue = pick(Object.keys(queues));
    const words = queues[queue] as string[];
    const body = Array.from({ length: 6 }, () => (random() < 0.5 ? pick(words) : pick(shared))).join(' ');
    return {
      key: `t${i}`,
      subject: `${pick(words)} ${pick(shared)}`,
      body,
      queue,
      priority: random() < 0.5 ? 'high' : 'low',
      tags: [],
    };
  });
}

describe('text', () => {
  it('normalises, drops stop words and stems English and German lightly', () => {
    expect(tokenize('The printers are NOT printing!', 'en').terms).toEqual(['printer', 'print']);
    expect(tokenize('Die Drucker drucken nicht mehr', 'de').terms).toEqual(['druck', 'druck', 'mehr']);
    expect(tokenize('Rückerstattung für die Bestellung').language).toBe('de');
    expect(stemEnglish('stopped')).toBe('stop');
    expect(stemGerman('rechnungen')).toBe('rechnung');
  });
});

describe('routing model', () => {
  const train = synthetic(400, 1);
  const test = synthetic(100, 2);

  it('learns queues and explains each prediction by words and similar tickets', () => {
    const model = RoutingModel.train(train, ['queue', 'priority', 'type']);
    expect(model.labels.sort()).toEqual(['priority', 'queue']); // no ticket has a type
    const predicted = test.map((t) => model.predict(t, { explain: false }).queue?.value ?? '');
    const truth = test.map((t) => t.queue as string);
    expect(accuracy(truth, predicted)).toBeGreaterThan(0.9);
    expect(macroF1(truth, predicted)).toBeGreaterThan(0.9);

    const p = model.predict(
      { subject: 'Drucker', body: 'The printer in room 4 jams' },
      {
        neighbours: () => [
          { id: 'iss_1', score: 0.8, subject: 'Printer jam', labels: { queue: 'Hardware' } },
        ],
      },
    ).queue;
    expect(p?.value).toBe('Hardware');
    expect(p?.explanation.terms.map((t) => t.term)).toContain('printer');
    expect(p?.explanation.similar).toEqual([
      { id: 'iss_1', subject: 'Printer jam', value: 'Hardware', score: 0.8 },
    ]);
    expect(p?.alternatives.length).toBeGreaterThan(0);
  });

  it('is stored as numbered versions and predicts the same after loading', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-routing-'));
    const store = await openStore({ dataDir });
    try {
      const models = new RoutingModelStore(store, new ManualClock());
      await models.init();
      expect(await models.loadLatest()).toBeNull();
      const model = RoutingModel.train(train, ['queue', 'priority']);
      const v1 = await models.save(model, 'history');
      const v2 = await models.save(RoutingModel.train(train.slice(0, 200), ['queue']), 'history');
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect((await models.list()).map((m) => m.version)).toEqual([2, 1]);
      expect(v1.labels.find((l) => l.label === 'queue')?.classes).toEqual([
        'Accounts',
        'Billing',
        'Hardware',
        'Network',
      ]);

      const latest = await models.loadLatest();
      expect(latest?.info.version).toBe(2);
      expect(latest?.model.labels).toEqual(['queue']);
      const loaded = (await models.load(1))?.model as RoutingModel;
      for (const t of test) {
        const a = model.predict(t).queue;
        const b = loaded.predict(t).queue;
        expect(b?.value).toBe(a?.value);
        expect(Math.abs((b?.confidence ?? 0) - (a?.confidence ?? 0))).toBeLessThan(0.02);
      }
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('stratified split', () => {
  it('is seeded, keeps single-ticket classes in training and puts a share of each class in test', () => {
    const items = [...'aaaaaaaaaabbbbbc'].map((label, i) => ({ label, i }));
    const a = stratifiedSplit(items, (x) => x.label, 0.2, 42);
    const b = stratifiedSplit(items, (x) => x.label, 0.2, 42);
    expect(a).toEqual(b);
    expect(a.test.filter((x) => x.label === 'a')).toHaveLength(2);
    expect(a.test.filter((x) => x.label === 'b')).toHaveLength(1);
    expect(a.test.some((x) => x.label === 'c')).toBe(false);
    expect(a.train.length + a.test.length).toBe(items.length);
  });
});

describeWithData(TRAIN_CSV, 'eval-routing CLI on held-out public tickets', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-eval-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      cwd: dir,
    });
    return { code, stdout, stderr };
  };

  it('splits, trains, predicts and beats naive Bayes on queue; the last line is the JSON result', async () => {
    // A small sample keeps the test fast: 1,200 tickets of the eight largest queues.
    const { tickets, rows } = await readTicketCsv(TRAIN_CSV);
    const counts = new Map<string, number>();
    for (const t of tickets) counts.set(t.queue ?? '', (counts.get(t.queue ?? '') ?? 0) + 1);
    const top = new Set(
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([q]) => q),
    );
    const sample = stratifiedSplit(
      tickets.map((t, i) => ({ t, row: rows[i + 1] as string[] })).filter((x) => top.has(x.t.queue ?? '')),
      (x) => x.t.queue ?? '',
      0.4,
      3,
    ).test.slice(0, 1200);
    await writeCsv(join(dir, 'sample.csv'), [rows[0] as string[], ...sample.map((x) => x.row)]);

    const split = await cli([
      'eval-routing',
      '--split',
      'sample.csv',
      '--out',
      'split',
      '--seed',
      '7',
      '--json',
    ]);
    expect(split.code).toBe(0);
    const files = JSON.parse(split.stdout);
    expect(files.trainRows + files.testRows).toBe(sample.length);
    expect(files.testRows).toBeGreaterThan(200);
    expect((await readFile(files.test, 'utf8')).split('\n')[0]).toContain('"subject"');

    const res = await cli([
      'eval-routing',
      '--train',
      'split/train.csv',
      '--test',
      'split/test.csv',
      '--label',
      'queue',
      '--json',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const last = res.stdout.trim().split('\n').pop() as string;
    const result = JSON.parse(last);
    expect(Object.keys(result)).toEqual([
      'label',
      'n',
      'accuracy',
      'macroF1',
      'baselineAccuracy',
      'msPerTicket',
    ]);
    expect(result.label).toBe('queue');
    expect(result.n).toBe(files.testRows);
    expect(result.accuracy).toBeGreaterThan(result.baselineAccuracy + 0.05);
    expect(result.msPerTicket).toBeLessThan(10);

    const type = await cli([
      'eval-routing',
      '--train',
      'split/train.csv',
      '--test',
      'split/test.csv',
      '--label',
      'type',
    ]);
    expect(type.code).toBe(0);
    expect(type.stdout).toMatch(/^type: \d+ test tickets/);
    expect(type.stdout).toContain('naive Bayes');
  }, 120_000);

  it('rejects a wrong command line', async () => {
    expect(
      (await cli(['eval-routing', '--train', 'a.csv', '--test', 'b.csv', '--label', 'colour'])).code,
    ).toBe(2);
    expect(
      (await cli(['eval-routing', '--train', 'missing.csv', '--test', 'b.csv', '--label', 'queue'])).code,
    ).toBe(2);
  });
});
