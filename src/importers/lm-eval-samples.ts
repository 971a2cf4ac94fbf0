/**
 * lm-evaluation-harness `--log_samples` files (`samples_<task>_<timestamp>.jsonl`): one line per document with
 * `doc_id, doc, target, arguments, resps, filtered_resps`, the metric values (`acc`, `exact_match`, …) and,
 * in recent versions, `filter` and `metrics`.
 *
 * Recent versions write `arguments` as `{ gen_args_0: { arg_0: context, arg_1: continuation }, … }`, the
 * responses as strings (`["-1.25", "False"]`) and `target` as a string; older ones wrote lists and numbers.
 * Both are read. A task with several filters (gsm8k: strict-match, flexible-extract) logs each document once
 * per filter; only the first filter of the file is imported, so every doc_id is imported once.
 */
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import { readJsonl } from '../datasets/read-jsonl.js';
import { normalize } from '../scorers/normalize.js';
import type { Expected } from '../types.js';
import { givenModel, lmEvalModelFromFolder, lmEvalTaskFromFileName, requireModel } from './model-name.js';
import { SeenKeys, describe, ensureFile, isObject, lineWhere, skip, unitInterval, withLetteredOptions } from './read-source.js';
import type { ImportEntry, ImportOptions } from './types.js';

const EXPECTED = 'expected an lm-evaluation-harness sample with doc_id, doc, target, arguments and filtered_resps';
/** Metrics tried in order when choosing the score; then the record's own `metrics` list. */
export const LM_EVAL_METRICS = ['acc', 'exact_match', 'acc_norm', 'f1', 'em', 'mc2', 'mc1', 'pass@1', 'bleu', 'rouge1', 'rougeL'] as const;
/** What the harness's regex filters return when nothing matched. */
const NO_MATCH = '[invalid]';
/** Fields of `doc` that hold the question in common tasks, tried when `arguments` carry no context. */
const DOC_TEXT_FIELDS = ['question', 'query', 'ctx', 'context', 'prompt', 'input', 'text', 'sentence', 'goal', 'problem'];

/**
 * Records of an lm-evaluation-harness samples file. Model: `opts.model`, else the parent folder (the harness
 * names it after the model, `org__name`). Category: the task from the file name. Score: the first metric
 * present among {@link LM_EVAL_METRICS} (then the record's `metrics`), chosen on the first record and kept for
 * the whole file; a value outside [0, 1] (bleu in points, perplexities) is not a score and the record is skipped.
 */
export async function* readLmEvalSamples(path: string, opts: ImportOptions = {}): AsyncGenerator<ImportEntry> {
  await ensureFile(path);
  const name = basename(path);
  const model = requireModel(path, givenModel(opts.model), lmEvalModelFromFolder(path));
  const task = lmEvalTaskFromFileName(path);
  const seen = new SeenKeys();
  let first = true;
  let filter: string | undefined;
  let metric: string | undefined;

  for await (const entry of readJsonl(path)) {
    const where = lineWhere(name, entry.line);
    const r = 'error' in entry ? undefined : entry.record;
    const fits = isObject(r) && 'doc_id' in r && ('filtered_resps' in r || 'resps' in r);
    if (first && !fits) {
      const got = 'error' in entry ? entry.error : isObject(r) ? `an object with ${Object.keys(r).slice(0, 8).join(', ') || 'no fields'}` : describe(r);
      throw new RicegradeError('DATASET_PARSE', `${where}: ${EXPECTED}; got ${got}`);
    }
    first = false;
    if ('error' in entry) {
      yield skip(where, entry.error);
      continue;
    }
    if (!fits) {
      yield skip(where, `${EXPECTED}; got ${isObject(r) ? 'an object without doc_id or filtered_resps' : describe(r)}`);
      continue;
    }

    const docId = r.doc_id;
    if (!((typeof docId === 'number' && Number.isFinite(docId)) || (typeof docId === 'string' && docId !== ''))) {
      yield skip(where, `doc_id: expected a number, got ${describe(docId)}`);
      continue;
    }
    if (typeof r.filter === 'string') {
      filter ??= r.filter;
      if (r.filter !== filter) {
        yield skip(where, `filter "${r.filter}" not imported (only the file's first filter, "${filter}", is)`);
        continue;
      }
    }
    metric ??= chooseMetric(r);
    if (metric === undefined) {
      yield skip(where, `no usable metric (looked for ${[...LM_EVAL_METRICS].join(', ')} and the record's "metrics")`);
      continue;
    }
    const raw = metricValue(r[metric]);
    if (raw === undefined) {
      yield skip(where, `no ${metric} (the metric scored in this file), got ${describe(r[metric])}`);
      continue;
    }
    const score = unitInterval(raw);
    if (score === undefined) {
      yield skip(where, `${metric} = ${raw} is not in [0, 1]`);
      continue;
    }

    const responses = responseList(r);
    if (responses === undefined) {
      yield skip(where, `filtered_resps: expected a list of responses, got ${describe(r.filtered_resps)}`);
      continue;
    }
    const args = argumentList(r.arguments);
    const shown = render(responses, args, r.doc);
    if (typeof shown === 'string') {
      yield skip(where, shown);
      continue;
    }
    const itemId = String(docId);
    const firstAt = seen.check(itemId, where);
    if (firstAt !== undefined) {
      yield skip(where, `duplicate doc_id ${itemId} (first at ${firstAt})`);
      continue;
    }
    const expected = shown.multipleChoice ? targetText(r.target) : targetExpected(r.target);
    yield {
      model,
      itemId,
      input: shown.input,
      ...(expected !== undefined ? { expected } : {}),
      ...(shown.choices ? { choices: shown.choices } : {}),
      ...(task !== undefined ? { category: task } : {}),
      output: shown.output,
      score,
      ...(shown.answer !== undefined ? { answer: shown.answer } : {}),
    };
  }
  if (first) throw new RicegradeError('DATASET_PARSE', `${name}: no records; ${EXPECTED}`);
}

/** The metric a file is scored by: the first of the preferred names, then of the record's `metrics`, with a value. */
function chooseMetric(r: Record<string, unknown>): string | undefined {
  const listed = Array.isArray(r.metrics) ? r.metrics.filter((m): m is string => typeof m === 'string') : [];
  for (const candidate of [...LM_EVAL_METRICS, ...listed]) if (metricValue(r[candidate]) !== undefined) return candidate;
  return undefined;
}

/** A per-sample metric value as a number: numbers and booleans; tuples passed to corpus metrics are not. */
function metricValue(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/** One entry per request: `filtered_resps`, else the first response of each request in `resps`. */
function responseList(r: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(r.filtered_resps)) return r.filtered_resps;
  if (Array.isArray(r.resps)) return r.resps.map((resp) => (Array.isArray(resp) && resp.length === 1 ? resp[0] : resp));
  return undefined;
}

/** The `[context, continuation-or-generation-kwargs]` of each request, from either layout of `arguments`. */
function argumentList(value: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(value)) return value.map((arg) => (Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined]));
  if (!isObject(value)) return [];
  const keyed = Object.entries(value)
    .map(([key, arg]) => ({ index: Number(/^gen_args_(\d+)$/.exec(key)?.[1] ?? Number.NaN), arg }))
    .filter((e) => Number.isInteger(e.index))
    .sort((a, b) => a.index - b.index);
  return keyed.map(({ arg }) => (isObject(arg) ? [arg.arg_0, arg.arg_1] : [arg, undefined]));
}

interface Shown {
  input: string;
  output: string;
  answer?: string;
  choices?: string[];
  multipleChoice: boolean;
}

/** Input, output, answer and choices of a sample, or the reason it cannot be shown. */
function render(responses: unknown[], args: Array<[unknown, unknown]>, doc: unknown): Shown | string {
  const pairs = loglikelihoodPairs(responses);
  const contexts = args.map(([context]) => context);
  const continuations = args.map(([, continuation]) => continuation);
  if (pairs !== undefined && pairs.length >= 2) {
    let best = 0;
    for (let k = 1; k < pairs.length; k++) if (pairs[k]! > pairs[best]!) best = k;
    const options = optionTexts(contexts, continuations, pairs.length);
    const question = options?.question ?? docText(doc);
    return {
      input: options ? withLetteredOptions(question, options.choices) : question,
      output: options?.choices[best] ?? String(best),
      answer: String(best),
      ...(options ? { choices: options.choices } : {}),
      multipleChoice: true,
    };
  }
  const context = typeof contexts[0] === 'string' ? contexts[0] : docText(doc);
  if (pairs !== undefined) {
    // One loglikelihood request (lambada-like): the scored continuation, no answer to compare.
    return { input: context, output: typeof continuations[0] === 'string' ? continuations[0].trim() : '', multipleChoice: false };
  }
  if (responses.length === 0) return 'filtered_resps: empty';
  const head: unknown = Array.isArray(responses[0]) ? responses[0][0] : responses[0];
  if (typeof head === 'string') {
    const answer = normalize(head);
    return { input: context, output: head, ...(answer !== '' && answer !== NO_MATCH ? { answer } : {}), multipleChoice: false };
  }
  if (typeof head === 'number') {
    // A rolling loglikelihood (perplexity task): no text output.
    return { input: context, output: '', multipleChoice: false };
  }
  return `filtered_resps: expected generated text or [loglikelihood, is_greedy] pairs, got ${describe(head)}`;
}

/** The loglikelihoods when every response is a `[loglikelihood, is_greedy]` pair (numbers or strings). */
function loglikelihoodPairs(responses: unknown[]): number[] | undefined {
  if (responses.length === 0) return undefined;
  const out: number[] = [];
  for (const response of responses) {
    if (!Array.isArray(response) || response.length !== 2) return undefined;
    const [ll, greedy] = response as [unknown, unknown];
    const value = typeof ll === 'number' ? ll : typeof ll === 'string' && ll.trim() !== '' ? Number(ll) : Number.NaN;
    if (Number.isNaN(value)) return undefined;
    const isFlag = typeof greedy === 'boolean' || (typeof greedy === 'string' && /^(true|false)$/i.test(greedy));
    if (!isFlag) return undefined;
    out.push(value);
  }
  return out;
}

/**
 * The shared question and the option texts of a multiple-choice sample. Usually every request has the same
 * context and the options are the continuations. When contexts differ (winogrande puts the option in the
 * context), the question is the contexts' common prefix up to a word boundary and each option is the rest.
 */
function optionTexts(contexts: unknown[], continuations: unknown[], n: number): { question: string; choices: string[] } | undefined {
  if (contexts.length !== n || !contexts.every((c) => typeof c === 'string') || !continuations.every((c) => typeof c === 'string')) {
    return undefined;
  }
  const ctx = contexts as string[];
  const cont = continuations as string[];
  if (ctx.every((c) => c === ctx[0])) return { question: ctx[0]!.trimEnd(), choices: cont.map((c) => c.trim()) };
  let prefix = ctx[0]!;
  for (const c of ctx) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const boundary = Math.max(prefix.lastIndexOf(' '), prefix.lastIndexOf('\n'));
  prefix = boundary >= 0 ? prefix.slice(0, boundary + 1) : '';
  return { question: prefix.trimEnd(), choices: ctx.map((c, k) => `${c.slice(prefix.length)}${cont[k]}`.trim()) };
}

/** The question of a document when the arguments carry no context. */
function docText(doc: unknown): string {
  if (typeof doc === 'string') return doc;
  if (isObject(doc)) {
    for (const field of DOC_TEXT_FIELDS) if (typeof doc[field] === 'string') return doc[field] as string;
    return JSON.stringify(doc);
  }
  return '';
}

/** `String(target)` for multiple choice (the index of the right option). */
function targetText(target: unknown): string | undefined {
  if (target === undefined || target === null) return undefined;
  return typeof target === 'string' ? target : typeof target === 'object' ? JSON.stringify(target) : String(target);
}

/** The target of a generation task: a string, any of several strings, or a number. */
function targetExpected(target: unknown): Expected | undefined {
  if (typeof target === 'string' || (typeof target === 'number' && Number.isFinite(target))) return target;
  if (Array.isArray(target) && target.length > 0 && target.every((t) => typeof t === 'string')) return target as string[];
  return targetText(target);
}
