/**
 * Imports helpdesk tickets from CSV (the format of the public "customer support tickets" data set:
 * `id, subject, body, answer, type, queue, priority, language, tags`) as resolved issues.
 *
 * - Streams: rows are parsed and stored one at a time, so the file's size does not matter.
 * - Idempotent: each row becomes the issue with externalId `ticket:<id>`; importing a file again
 *   creates nothing and counts the rows as already imported. A crash between creating an issue and
 *   adding its answer is repaired by the next run (the answer is added when it is missing).
 * - Never aborts on one bad row: a row that cannot be parsed or fails the API schemas is skipped and
 *   reported with its line number and the reason. Only store failures and unreadable files are fatal.
 *
 * Customers: the data set has no customer identity (signatures are anonymised), so each ticket gets
 * its own customer (`ticket-customer:<id>`). Grouping tickets by queue, language or company would
 * invent relationships that do not exist and fill the unified customer timeline with strangers' issues.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type Actor,
  createAjv,
  type Issue,
  type IssueCreate,
  type SchemaAjv,
  schemaId,
} from '@baton/schemas';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type CsvError, type Options as CsvOptions, type InfoRecord, parse } from 'csv-parse';
import { ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';

/** The author of imported answers. The data set does not say which agent wrote them. */
export const IMPORTED_AGENT: Actor = { kind: 'agent', name: 'Imported agent' };

/** Priorities of the data set that Baton does not have, and what they become. */
export const PRIORITY_MAP: Readonly<Record<string, string>> = { very_low: 'low' };

export const SUBJECT_MAX = 120;
export const TAGS_MAX = 50;
export const TAG_MAX_LENGTH = 64;
/** How many skipped rows the summary lists one by one (all of them are counted). */
export const SKIPPED_DETAIL_MAX = 1000;

const REPLY_DELAY_MS = 60_000;
const REQUIRED_COLUMNS = ['subject', 'body'] as const;
const KNOWN_COLUMNS = new Set([
  'id',
  'subject',
  'body',
  'answer',
  'type',
  'queue',
  'priority',
  'language',
  'tags',
]);

export interface SkippedRow {
  /** The line the row starts on (1 is the header). */
  line: number;
  /** The line it ends on, when it spans several. */
  endLine?: number;
  reason: string;
}

export interface TicketImportProgress {
  rows: number;
  /** Bytes of the file consumed so far. */
  bytes: number;
  created: number;
  alreadyImported: number;
  skipped: number;
}

export interface TicketImportSummary {
  /** Data rows read (blank lines and the header excluded; skipped rows included). */
  rows: number;
  created: number;
  alreadyImported: number;
  skipped: number;
  /** The first {@link SKIPPED_DETAIL_MAX} skipped rows, in file order. */
  skippedRows: SkippedRow[];
  /** Imported rows without an answer: stored as resolved, with no reply. */
  withoutAnswer: number;
  /** Priorities outside Baton's scale, by original value: all mapped (`very_low` → `low`). */
  prioritiesMapped: Record<string, number>;
  /** Rows without a subject that got one from the first line of their body. */
  subjectsDerived: number;
  /** Answers added to issues that a previous, interrupted import created without them. */
  repliesRestored: number;
  blankLines: number;
  /** Header columns the importer does not use. */
  ignoredColumns: string[];
  durationMs: number;
}

export interface TicketImportDeps {
  issues: IssueService;
  timeline: TimelineService;
  clock: Clock;
}

export interface TicketImportOptions {
  /** Called after every row; throttle in the caller. */
  onProgress?: (progress: TicketImportProgress) => void;
  /** Reuse an Ajv built by `createAjv()`; one is built otherwise. */
  ajv?: SchemaAjv;
}

/** A fatal problem with the file as a whole (no header, missing columns): nothing was imported. */
export class TicketFileError extends Error {
  override readonly name = 'TicketFileError';
}

interface ParsedRow {
  record: string[];
  line: number;
  endLine: number;
  bytes: number;
  /** Unparseable stretches of the file that came before this row. */
  skippedBefore: SkippedRow[];
}

export interface ColumnIndex {
  id?: number;
  subject: number;
  body: number;
  answer?: number;
  type?: number;
  queue?: number;
  priority?: number;
  language?: number;
  tags?: number;
}

/** A row turned into what IssueService.create takes, or the reason it cannot be. */
export type BuiltTicket =
  | {
      ok: true;
      key: string;
      input: IssueCreate;
      answer: string | undefined;
      mappedPriority: string | undefined;
      subjectDerived: boolean;
    }
  | { ok: false; reason: string };

export async function importTickets(
  source: Readable,
  deps: TicketImportDeps,
  options: TicketImportOptions = {},
): Promise<TicketImportSummary> {
  const started = performance.now();
  // The line each ticket key was first seen on, to report a ticket listed twice in the file
  // (about 50 bytes per row; the rows themselves are not kept).
  const seen = new Map<string, number>();
  const validators = rowValidators(options.ajv ?? createAjv());

  const summary: TicketImportSummary = {
    rows: 0,
    created: 0,
    alreadyImported: 0,
    skipped: 0,
    skippedRows: [],
    withoutAnswer: 0,
    prioritiesMapped: {},
    subjectsDerived: 0,
    repliesRestored: 0,
    blankLines: 0,
    ignoredColumns: [],
    durationMs: 0,
  };
  const skip = (row: SkippedRow) => {
    summary.skipped += 1;
    if (summary.skippedRows.length < SKIPPED_DETAIL_MAX) summary.skippedRows.push(row);
  };

  let header: { columns: ColumnIndex; width: number } | undefined;
  let bytes = 0;

  // Line numbers: csv-parse reports the line a record ends on. The start of a record is the line
  // after the end of the one before; that includes stretches it could not parse, which it reports
  // through `on_skip`. Both callbacks run synchronously in file order, so the bookkeeping is exact.
  let nextLine = 1;
  let pendingSkips: SkippedRow[] = [];
  const parser = parse({
    info: true,
    bom: true,
    relax_column_count: true, // column counts are checked below, per row, with a better message
    relax_quotes: true, // a stray quote inside an unquoted field is kept as text
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const endLine = Math.max(nextLine, typeof err.lines === 'number' ? err.lines : nextLine);
      pendingSkips.push({
        line: nextLine,
        ...(endLine > nextLine ? { endLine } : {}),
        reason: describeCsvError(err),
      });
      nextLine = endLine + 1;
    },
    // With `info: true` each record arrives as `{ record, info }`; the types do not model that.
    on_record: (({ record }: { record: string[] }, info: InfoRecord): ParsedRow => {
      const row = {
        record,
        line: nextLine,
        endLine: info.lines,
        bytes: info.bytes,
        skippedBefore: pendingSkips,
      };
      pendingSkips = [];
      nextLine = info.lines + 1;
      return row;
    }) as unknown as CsvOptions['on_record'],
  });

  const handle = async (row: ParsedRow): Promise<void> => {
    for (const skipped of row.skippedBefore) {
      summary.rows += 1;
      skip(skipped);
    }
    bytes = row.bytes;
    if (!header) {
      header = readHeader(row.record);
      summary.ignoredColumns = row.record.map(normalizeColumn).filter((c) => c && !KNOWN_COLUMNS.has(c));
      return;
    }
    if (row.record.length === 1 && row.record[0]?.trim() === '' && header.width > 1) {
      summary.blankLines += 1;
      return;
    }
    summary.rows += 1;
    const where = { line: row.line, ...(row.endLine > row.line ? { endLine: row.endLine } : {}) };
    const prepared = prepareRow(row.record, header, validators);
    if (!prepared.ok) {
      skip({ ...where, reason: prepared.reason });
      return;
    }
    const { ticket, reply } = prepared;
    const firstLine = seen.get(ticket.key);
    if (firstLine !== undefined) {
      skip({ ...where, reason: `duplicate of line ${firstLine} (ticket ${ticket.key})` });
      return;
    }
    seen.set(ticket.key, row.line);

    const createdAt = new Date(deps.clock.now().getTime() - REPLY_DELAY_MS).toISOString();
    let outcome: Awaited<ReturnType<IssueService['create']>>;
    try {
      outcome = await deps.issues.create(ticket.input, { status: 'resolved', createdAt });
    } catch (err) {
      // The service refused this one row (e.g. a conflicting customer); anything else is fatal.
      if (err instanceof ProblemError) {
        skip({ ...where, reason: err.detail });
        return;
      }
      throw err;
    }
    const { issue, created } = outcome;
    if (created) summary.created += 1;
    else summary.alreadyImported += 1;
    if (ticket.mappedPriority) {
      summary.prioritiesMapped[ticket.mappedPriority] =
        (summary.prioritiesMapped[ticket.mappedPriority] ?? 0) + 1;
    }
    if (ticket.subjectDerived) summary.subjectsDerived += 1;
    if (!reply) {
      summary.withoutAnswer += 1;
      return;
    }
    // A new issue has no reply yet. An existing one normally has it, unless a previous run stopped
    // between creating the issue and adding the answer: then the answer is added now.
    if (!created && (await hasReplyOrLaterActivity(deps.timeline, issue))) return;
    await deps.issues.addEvent(issue.id, reply, {
      author: IMPORTED_AGENT,
      at: new Date(Date.parse(issue.createdAt) + REPLY_DELAY_MS).toISOString(),
      defaultAuthor: IMPORTED_AGENT,
    });
    if (!created) summary.repliesRestored += 1;
  };

  // A failure inside the consumer reaches pipeline() as an AbortError; keep the real one.
  let failure: unknown;
  try {
    await pipeline(source, parser, async (rows: AsyncIterable<ParsedRow>) => {
      for await (const row of rows) {
        try {
          await handle(row);
        } catch (err) {
          failure = err;
          throw err;
        }
        options.onProgress?.({
          rows: summary.rows,
          bytes,
          created: summary.created,
          alreadyImported: summary.alreadyImported,
          skipped: summary.skipped,
        });
      }
    });
  } catch (err) {
    throw failure ?? err;
  }
  // What could not be parsed after the last good row (e.g. a quote left open at the end).
  for (const skipped of pendingSkips) {
    summary.rows += 1;
    skip(skipped);
  }
  if (!header) throw new TicketFileError('the file is empty: expected a header row naming the columns');
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

interface RowValidators {
  issue: ValidateFunction;
  reply: ValidateFunction;
}

function rowValidators(ajv: SchemaAjv): RowValidators {
  const issue = ajv.getSchema(schemaId('api/issue-create'));
  const reply = ajv.getSchema(schemaId('api/timeline-event-create'));
  if (!issue || !reply) throw new Error('the issue and timeline event schemas are not registered');
  return { issue, reply };
}

type ReplyContent = { type: 'agent_reply'; text: string; channel: 'email' };

/** A data row checked against the header and the API schemas, ready to store, or why it is not. */
function prepareRow(
  record: readonly string[],
  header: { columns: ColumnIndex; width: number },
  validate: RowValidators,
):
  | { ok: true; ticket: Extract<BuiltTicket, { ok: true }>; reply: ReplyContent | undefined }
  | { ok: false; reason: string } {
  if (record.length !== header.width) {
    return { ok: false, reason: `expected ${header.width} fields, found ${record.length}` };
  }
  const ticket = buildTicket(record, header.columns);
  if (!ticket.ok) return ticket;
  if (!validate.issue(ticket.input)) {
    return { ok: false, reason: describeAjvErrors(validate.issue.errors, ticket.input) };
  }
  const reply: ReplyContent | undefined = ticket.answer
    ? { type: 'agent_reply', text: ticket.answer, channel: 'email' }
    : undefined;
  if (reply && !validate.reply(reply)) {
    return { ok: false, reason: describeAjvErrors(validate.reply.errors, reply, 'answer') };
  }
  return { ok: true, ticket, reply };
}

/**
 * Whether an imported issue already has its answer. Adding the answer is the first thing that moves
 * `lastActivityAt` past `createdAt`, so in the common case no query is needed. Only when it has not
 * moved (the previous run stopped right after creating the issue, or between storing the reply and
 * updating the issue) is the timeline read.
 */
async function hasReplyOrLaterActivity(timeline: TimelineService, issue: Issue): Promise<boolean> {
  if (issue.lastActivityAt > issue.createdAt) return true;
  // The imported answer is the second event of an imported issue, so the first page holds it.
  const page = await timeline.forIssue(issue.id, { limit: 50 });
  return page.items.some(
    (e) =>
      e.type === 'agent_reply' &&
      e.author.kind === IMPORTED_AGENT.kind &&
      e.author.name === IMPORTED_AGENT.name,
  );
}

function normalizeColumn(name: string): string {
  return name.trim().toLowerCase();
}

export function readHeader(record: string[]): { columns: ColumnIndex; width: number } {
  const names = record.map(normalizeColumn);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new TicketFileError(
      `the header row must name the columns ${REQUIRED_COLUMNS.join(' and ')}; missing: ${missing.join(', ')} ` +
        `(found: ${names.join(', ') || 'nothing'})`,
    );
  }
  const index = (name: string) => {
    const i = names.indexOf(name);
    return i === -1 ? undefined : i;
  };
  const columns: ColumnIndex = { subject: names.indexOf('subject'), body: names.indexOf('body') };
  for (const name of ['id', 'answer', 'type', 'queue', 'priority', 'language', 'tags'] as const) {
    const i = index(name);
    if (i !== undefined) columns[name] = i;
  }
  return { columns, width: record.length };
}

/** Turns one CSV row into the issue to create. Exported for tests. */
export function buildTicket(record: readonly string[], columns: ColumnIndex): BuiltTicket {
  const cell = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
  const rawSubject = cell(columns.subject);
  const rawBody = cell(columns.body);
  const body = unescapeText(rawBody).trim();
  if (!body) return { ok: false, reason: 'body is empty' };

  const key = cell(columns.id) || stableKey(rawSubject, rawBody);
  let subject = unescapeText(rawSubject).replace(/\s+/g, ' ').trim();
  const subjectDerived = !subject;
  if (subjectDerived) subject = deriveSubject(body);

  let priority: string | undefined = cell(columns.priority).toLowerCase() || undefined;
  let mappedPriority: string | undefined;
  if (priority && PRIORITY_MAP[priority]) {
    mappedPriority = priority;
    priority = PRIORITY_MAP[priority];
  }
  const language = cell(columns.language).toLowerCase() || undefined;
  const queue = cell(columns.queue) || undefined;
  const type = cell(columns.type) || undefined;
  const tags = parseTags(cell(columns.tags));
  const answer = unescapeText(cell(columns.answer)).trim() || undefined;

  const input = {
    externalId: `ticket:${key}`,
    subject,
    body,
    channel: 'email',
    customer: {
      externalId: `ticket-customer:${key}`,
      name: `Imported customer ${key.slice(0, 8)}`,
      ...(language ? { language } : {}),
    },
    ...(priority ? { priority } : {}),
    tags,
    ...(queue ? { queue } : {}),
    ...(type ? { type } : {}),
    ...(language ? { language } : {}),
    // The priority is checked by the schema, like every other field, before the issue is created.
  } as IssueCreate;
  return { ok: true, key, input, answer, mappedPriority, subjectDerived };
}

/**
 * The data set stores line breaks as the two characters `\n` (and `\r\n`), and quotes as `\"`.
 * Real line breaks inside quoted fields are kept; Windows line endings become `\n`.
 */
export function unescapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\"/g, '"');
}

/** A subject from the body's first non-empty line, at most {@link SUBJECT_MAX} characters, cut between words. */
export function deriveSubject(body: string): string {
  const first =
    body
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .find(Boolean) ?? '';
  if (first.length <= SUBJECT_MAX) return first;
  const room = SUBJECT_MAX - 1; // for the ellipsis
  const cut = first.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  const head = (space >= room / 2 ? cut.slice(0, space) : cut.slice(0, room)).replace(/[\s,;:.-]+$/, '');
  return `${head}…`;
}

/**
 * `A|B|C` → `['A', 'B', 'C']`: trimmed, without empties and duplicates, at most {@link TAGS_MAX}
 * tags of at most {@link TAG_MAX_LENGTH} characters. Commas separate tags too (a few rows use them,
 * and a tag cannot contain one).
 */
export function parseTags(raw: string): string[] {
  const tags = new Set<string>();
  for (const part of raw.split(/[|,]/)) {
    const tag = part.trim().slice(0, TAG_MAX_LENGTH).trim();
    if (tag) tags.add(tag);
    if (tags.size === TAGS_MAX) break;
  }
  return [...tags];
}

/** For files without an `id` column: the same subject and body always give the same key. */
export function stableKey(subject: string, body: string): string {
  return createHash('sha256').update(subject).update('\0').update(body).digest('hex').slice(0, 16);
}

function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field: the file ends inside quotes';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'malformed CSV: a closing quote is followed by other characters';
    default:
      return `malformed CSV: ${err.message}`;
  }
}

/** Ajv errors as one line a person can act on: `priority must be one of low, medium, … (got "urgent")`. */
export function describeAjvErrors(
  errors: ErrorObject[] | null | undefined,
  data: unknown,
  prefix = '',
): string {
  const messages = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
    const path = error.instancePath.slice(1).replaceAll('/', '.');
    const field = [prefix, path].filter(Boolean).join('.') || 'row';
    const value = valueAt(data, error.instancePath);
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    const detail = allowed ? `must be one of ${allowed.join(', ')}` : (error.message ?? 'is invalid');
    const got = typeof value === 'string' ? ` (got ${JSON.stringify(truncate(value, 40))})` : '';
    messages.add(`${field} ${detail}${got}`);
  }
  return [...messages].join('; ') || 'does not match the schema';
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return current;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
