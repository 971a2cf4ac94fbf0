/**
 * lm-evaluation-harness `--log_samples` files (`samples_<task>_<timestamp>.jsonl`): one line per document with
 * `doc_id, doc, target, arguments, resps, filtered_resps`, the metric values (`acc`, `exact_match`, …) and,
 * in recent versions, `filter` and `metrics`.
 *
 * Recent versions write `arguments` as `{ gen_args_0: { arg_0: context, arg_1: continuation }, … }`, the
 * responses as strings (`["-1.25", "False"]`) and `target` as a string; older ones wrote lists and numbers.
 * Both are read. A task with several filters (gsm8k: strict-match, flexible-extract) logs each document once
 * per filter; only the first filter of the file is imported, so every doc_id is imported once.
 * Reading `arguments`, options and targets is shared with the suite reader `format: lm-eval-samples`
 * (`lm-eval-shared.ts`).
 */
import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import { readJsonl } from '../datasets/read-jsonl.js';
import { normalize } from '../scorers/normalize.js';
import { argumentList, docText, type LmEvalRequest, loglikelihoodPairs, optionTexts, responseList, targetExpected, targetText } from './lm-eval-shared.js';
import { givenModel, lmEvalModelFromFolder, lmEvalTaskFromFileName, requireModel } from './model-name.js';
import { SeenKeys, describe, ensureFile, isObject, lineWhere, skip, unitInterval, withLetteredOptions } from './read-source.js';
import type { ImportEntry, ImportOptions } from './types.js';

const EXPECTED = 'expected an lm-evaluation-harness sample with doc_id, doc, target, arguments and filtered_resps';
/** Metrics tried in order when choosing the score; then the record's own `metrics` list. */
export const LM_EVAL_METRICS = ['acc', 'exact_match', 'acc_norm', 'f1', 'em', 'mc2', 'mc1', 'pass@1', 'bleu', 'rouge1', 'rougeL'] as const;
/** What the harness's regex filters return when nothing matched. */
const NO_MATCH = '[invalid]';

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

interface Shown {
  input: string;
  output: string;
  answer?: string;
  choices?: string[];
  multipleChoice: boolean;
}

/** Input, output, answer and choices of a sample, or the reason it cannot be shown. */
function render(responses: unknown[], args: LmEvalRequest[], doc: unknown): Shown | string {
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
