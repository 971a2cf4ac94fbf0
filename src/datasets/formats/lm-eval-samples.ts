import {
  argumentList,
  chatContext,
  DOC_TEXT_FIELDS,
  docQuestion,
  loglikelihoodPairs,
  optionTexts,
  pythonStringList,
  responseList,
  targetExpected,
  type LmEvalRequest,
} from '../../importers/lm-eval-shared.js';
import { lmEvalTaskFromFileName } from '../../importers/model-name.js';
import type { ChatMessage, Expected, Item } from '../../types.js';
import { asObject, checkedItem, convertAll, describe, FieldError, jsonlRecords, shortHash, type Where } from './common.js';
import { gsm8kFinalAnswer } from './gsm8k.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SAMPLE = 'an lm-evaluation-harness sample with doc_id, doc, target and arguments';

/**
 * The questions of an lm-evaluation-harness `--log_samples` file (`samples_<task>_<timestamp>.jsonl`), so other
 * models can be asked what the harness asked. Parsing of `arguments` and targets is shared with the importer
 * (`src/importers/lm-eval-shared.ts`); both layouts of `arguments` (recent `gen_args_N.arg_M`, older lists) are read.
 *
 * - Multiple choice (two or more loglikelihood requests `[context, continuation]`): input = the context as the
 *   harness sent it (trailing whitespace removed), choices = the continuations trimmed, expected = the letter of
 *   the target (an index — `"2"` or `2` — or the text of a choice; an index wins, as the harness's integer targets
 *   are stringified in recent versions). `scorer: choice` then works with both methods: `loglikelihood` scores
 *   `context + " " + choice`, which is the harness's request for the usual `" "` target delimiter.
 * - Generation (one `generate_until` request `[context, { until, … }]`): input = the context (a chat-API context,
 *   a JSON list of messages, becomes chat messages), expected = the target: trimmed; a Python list literal
 *   (`"['a', 'b']"`, how recent versions write a list) becomes any of its strings; a GSM8K solution ending in
 *   `#### N` becomes N (the harness compares only that part). A single loglikelihood request (lambada) is read
 *   the same way, its continuation being the expected answer when there is no target.
 * - No `arguments`: the question from the doc (question, query, ctx, …), as the importer does; multiple choice
 *   needs the arguments (the continuations are the choices).
 *
 * id = the doc_id (as the importer and `provider: replay` use it, so a replayed harness model answers these
 * items); category = the task from the file name. A task with several filters logs each document once per
 * filter: each doc_id is read once (a repeat asking something else is an error). Rolling-loglikelihood
 * (perplexity) samples ask no question and are errors. Suggested scorer: choice (for generation tasks use
 * numeric, exact or includes).
 */
export async function* readLmEvalSampleItems(path: string): AsyncGenerator<Item> {
  const task = lmEvalTaskFromFileName(path);
  const seen = new Map<string, { where: Where; digest: string }>();
  const items = convertAll<unknown, Item | undefined>(path, jsonlRecords(path), (raw, where) => {
    const r = asObject(raw);
    const id = docId(r);
    const item = sampleItem(r, id, task);
    const digest = shortHash(JSON.stringify([item.input, item.expected ?? null, item.choices ?? null]));
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, { where, digest });
      return item;
    }
    // The same document under another filter: read once. A different question under the same id is not that.
    if (first.digest !== digest) throw new FieldError('doc_id', `expected a repeated doc_id (${id}, first at line ${first.where}) to ask the same question, got a different one`);
    return undefined;
  });
  for await (const item of items) if (item !== undefined) yield item;
}

function docId(r: Record<string, unknown>): string {
  const v = r.doc_id;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v;
  const fields = v === undefined ? `; the record has ${Object.keys(r).slice(0, 6).join(', ') || 'no fields'}` : '';
  throw new FieldError('doc_id', `expected a number (the doc_id of ${SAMPLE}), got ${describe(v)}${fields}`);
}

function sampleItem(r: Record<string, unknown>, id: string, task: string | undefined): Item {
  const base = { id, ...(task !== undefined ? { category: task } : {}) };
  const requests = argumentList(r.arguments);
  if (r.arguments !== undefined && r.arguments !== null && requests.length === 0) {
    throw new FieldError('arguments', `expected the requests the harness sent (gen_args_0, … or a list), got ${describe(r.arguments)}`);
  }
  if (requests.length >= 2) return multipleChoiceItem(base, requests, r.target);
  if (requests.length === 1) return generationItem(base, requests[0]!, r.target);

  const responses = responseList(r);
  const pairs = responses === undefined ? undefined : loglikelihoodPairs(responses);
  if (pairs !== undefined && pairs.length >= 2) {
    throw new FieldError('arguments', 'expected the requests of this multiple-choice sample (their continuations are the choices), got nothing (missing)');
  }
  const question = docQuestion(r.doc);
  if (question === undefined || question.trim() === '') {
    throw new FieldError('arguments', `expected the requests the harness sent, or a doc with one of ${DOC_TEXT_FIELDS.join(', ')}; got neither`);
  }
  const expected = generationExpected(r.target, undefined);
  return checkedItem({ ...base, input: question, ...(expected !== undefined ? { expected } : {}) });
}

function multipleChoiceItem(base: { id: string; category?: string }, requests: LmEvalRequest[], target: unknown): Item {
  const n = requests.length;
  const options = optionTexts(
    requests.map(([context]) => context),
    requests.map(([, continuation]) => continuation),
    n,
  );
  if (options === undefined) {
    const bad = requests.find(([c, k]) => typeof c !== 'string' || typeof k !== 'string')!;
    const got = typeof bad[0] !== 'string' ? `a context ${describe(bad[0])}` : `a continuation ${describe(bad[1])}`;
    throw new FieldError('arguments', `expected [context, continuation] strings in each of the ${n} loglikelihood requests of a multiple-choice sample, got ${got}`);
  }
  if (options.question.trim() === '') throw new FieldError('arguments', 'expected a context (the question), got an empty one');
  if (n > LETTERS.length) throw new FieldError('arguments', `expected at most ${LETTERS.length} choices, got ${n}`);
  const empty = options.choices.findIndex((c) => c === '');
  if (empty >= 0) throw new FieldError('arguments', `expected a non-empty continuation in every request, got an empty one in request ${empty + 1}`);
  const index = targetIndex(target, options.choices);
  if (index < 0) {
    const why = options.sharedContext ? '' : ' (the options are in the contexts, as in winogrande, whose logged target is not the gold option)';
    throw new FieldError('target', `expected the index or text of one of the ${n} choices, got ${describe(target)}${why}`);
  }
  return checkedItem({ ...base, input: options.question, choices: options.choices, expected: LETTERS[index]! });
}

/** The option a multiple-choice target names: an index (number or digits), else a choice's text; -1 for none. */
function targetIndex(target: unknown, choices: readonly string[]): number {
  if (typeof target === 'number') return Number.isInteger(target) && target >= 0 && target < choices.length ? target : -1;
  if (typeof target !== 'string') return -1;
  const text = target.trim();
  if (/^\d+$/.test(text) && Number(text) < choices.length) return Number(text);
  return choices.indexOf(text);
}

function generationItem(base: { id: string; category?: string }, [context, second]: LmEvalRequest, target: unknown): Item {
  if (second === undefined || second === null) {
    throw new FieldError('arguments', 'expected a generation or multiple-choice request, got a rolling log-likelihood (perplexity) request, which asks no question');
  }
  const chat = chatContext(context);
  let input: string | ChatMessage[];
  if (chat !== undefined) input = chat as ChatMessage[];
  else if (typeof context === 'string' && context.trim() !== '') input = context;
  else throw new FieldError('arguments', `expected the context the harness sent (a non-empty string), got ${describe(context)}`);
  const expected = generationExpected(target, typeof second === 'string' ? second : undefined);
  return checkedItem({ ...base, input, ...(expected !== undefined ? { expected } : {}) });
}

/** The expected answer of a generation sample (see {@link readLmEvalSampleItems}); undefined when there is none. */
function generationExpected(target: unknown, continuation: string | undefined): Expected | undefined {
  const value = targetExpected(target) ?? continuation;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return nonEmpty(value);
  if (value === undefined) return undefined;
  const list = pythonStringList(value);
  if (list !== undefined) return nonEmpty(list);
  const text = value.trim();
  if (text === '') return continuation?.trim() || undefined;
  return /####\s*[-+]?[\d,]*\.?\d+\s*$/.test(text) ? gsm8kFinal(text) : text;
}

function nonEmpty(list: readonly string[]): string[] | undefined {
  const kept = list.map((s) => s.trim()).filter((s) => s !== '');
  return kept.length > 0 ? kept : undefined;
}

function gsm8kFinal(text: string): string {
  try {
    return gsm8kFinalAnswer(text);
  } catch {
    return text;
  }
}
