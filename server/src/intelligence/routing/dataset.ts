/**
 * Labelled tickets for training and evaluation. A CSV in the importer's format is read with the
 * importer's own header and row handling (`readHeader`, `buildTicket`), so the evaluation sees a row
 * exactly as an import would store it — except that the priority keeps its original value
 * (`very_low` stays `very_low`): an evaluation scores the labels the file has.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { buildTicket, type ColumnIndex, readHeader } from '../../importer/tickets.ts';

export const LABELS = ['queue', 'priority', 'type'] as const;
export type LabelName = (typeof LABELS)[number];

export interface LabelledTicket {
  key: string;
  subject: string;
  body: string;
  language?: string | undefined;
  queue?: string | undefined;
  priority?: string | undefined;
  type?: string | undefined;
  answer?: string | undefined;
  tags: string[];
}

export interface CsvRead {
  tickets: LabelledTicket[];
  /** Rows the importer would skip too (no body, wrong column count, …). */
  skipped: number;
  /** The raw rows, header first, for writing splits back out unchanged. */
  rows: string[][];
}

export async function readTicketCsv(path: string): Promise<CsvRead> {
  const source = createReadStream(path);
  const parser = source.pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true }),
  );
  // pipe() does not forward a read error (a missing file): end the parse with it.
  source.on('error', (err) => parser.destroy(err));
  let header: { columns: ColumnIndex; width: number } | undefined;
  const tickets: LabelledTicket[] = [];
  const rows: string[][] = [];
  let skipped = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = readHeader(record);
      rows.push(record);
      continue;
    }
    if (record.length === 1 && record[0]?.trim() === '') continue;
    if (record.length !== header.width) {
      skipped++;
      continue;
    }
    const built = buildTicket(record, header.columns);
    if (!built.ok) {
      skipped++;
      continue;
    }
    const { input } = built;
    rows.push(record);
    tickets.push({
      key: built.key,
      subject: input.subject,
      body: input.body,
      language: input.language,
      queue: input.queue,
      priority: built.mappedPriority ?? input.priority,
      type: input.type,
      answer: built.answer,
      tags: input.tags ?? [],
    });
  }
  if (!header) throw new Error(`${path} is empty: expected a header row`);
  return { tickets, skipped, rows };
}

/** A deterministic PRNG (mulberry32) so that a seed always gives the same split. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * A stratified split: within each class of `stratum(item)`, a seeded shuffle, then `testFraction` of
 * it (rounded; at least one item for classes of two or more) goes to the test side. A class seen once
 * stays in training, so every test label could have been learned.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  stratum: (item: T) => string,
  testFraction: number,
  seed: number,
): { train: T[]; test: T[] } {
  const random = seededRandom(seed);
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = stratum(item);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const testSet = new Set<number>();
  for (const key of [...groups.keys()].sort()) {
    const group = shuffle([...(groups.get(key) as number[])], random);
    const take = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * testFraction));
    for (const i of group.slice(0, take)) testSet.add(i);
  }
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => {
    (testSet.has(i) ? test : train).push(item);
  });
  return { train, test };
}

/** Writes rows as RFC 4180 CSV (every field quoted), which the importer reads back unchanged. */
export async function writeCsv(path: string, rows: readonly (readonly string[])[]): Promise<void> {
  const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;
  await writeFile(path, `${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`);
}
