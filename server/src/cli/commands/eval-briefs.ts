/**
 * `eval-briefs [--split tune|held-out|all] [--misses] [--json]`: scores the brief engine on the
 * hand-written conversations in `server/src/intelligence/brief/eval/conversations.json` — precision
 * and recall per field, per split. Works on files only: no store is opened.
 */
import { resolve } from 'node:path';
import {
  CONVERSATIONS_FILE,
  type EvalConversation,
  evaluateBriefs,
  loadConversations,
  type SplitReport,
} from '../../intelligence/brief/eval/evaluate.ts';
import { CliError, defineCommand, EXIT_OK, UsageError } from '../command.ts';

const SPLITS = ['tune', 'held-out', 'all'] as const;

export const evalBriefs = defineCommand({
  path: ['eval-briefs'],
  summary: 'Score handoff briefs against hand-written expectations (precision and recall per field)',
  usage: '[--split tune|held-out|all] [--file FILE.json] [--misses] [--json]',
  details: [
    'Builds the brief of each evaluation conversation and compares it with what a person wrote down:',
    'questions answered (question and answer), open questions, commitments, the stated deadline and',
    'the customer context (tier, plan, value, local time); the executive variant must stay within a',
    'third of the full brief. Default: both splits, tune and held-out, reported apart.',
    '',
    'Options:',
    '  --split S     tune, held-out or all (default: tune and held-out)',
    '  --file F      another conversations file of the same format',
    '  --misses      list what the tuning split missed, conversation by conversation',
    '  --json        print the result as one JSON line (the last line of stdout)',
  ].join('\n'),
  options: {
    split: { type: 'string' },
    file: { type: 'string' },
    misses: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ io, values }) {
    const split = values.split;
    if (split && !SPLITS.includes(split as (typeof SPLITS)[number]))
      throw new UsageError(`--split must be one of ${SPLITS.join(', ')}`);
    let conversations: EvalConversation[];
    const file = values.file ? resolve(io.cwd, values.file) : CONVERSATIONS_FILE;
    try {
      conversations = loadConversations(file);
    } catch (err) {
      throw new CliError(`${file}: ${(err as Error).message}`);
    }
    const result = evaluateBriefs(conversations, split ? [split] : ['tune', 'held-out']);
    if (values.misses) {
      for (const m of result.misses) io.stdout.write(`${m.id}  ${m.field}: ${m.detail}\n`);
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ splits: result.splits })}\n`);
      return EXIT_OK;
    }
    for (const r of result.splits) io.stdout.write(`${describe(r)}\n`);
    return EXIT_OK;
  },
});

function pct(x: number | null): string {
  return x === null ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

function describe(r: SplitReport): string {
  const row = (name: string, s: SplitReport['qaPairs']) =>
    `  ${name.padEnd(18)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  (${s.correct} of ${s.predicted} right, ${s.expected} expected)`;
  return [
    `${r.split}: ${r.conversations} conversations`,
    row('answered pairs', r.qaPairs),
    row('open questions', r.openQuestions),
    row('commitments', r.commitments),
    row('deadline items', r.deadline),
    `  deadline present   ${pct(r.deadlinePresent)}`,
    `  customer context   ${pct(r.customerContextPresent)}`,
    `  executive / full   ≤ ${r.executiveRatioMax.toFixed(3)}`,
    '',
  ].join('\n');
}
