/**
 * Parsing shared by the two readers of lm-evaluation-harness `--log_samples` files
 * (`samples_<task>_<timestamp>.jsonl`): the importer (`ricegrade import --format lm-eval-samples`, a model's
 * scored answers) and the suite reader (`format: lm-eval-samples`, the questions themselves).
 *
 * A sample line holds `doc_id, doc, target, arguments, resps, filtered_resps` (+ metrics, and in recent versions
 * `filter`, `metrics`, hashes). `arguments` are the requests the harness sent for the document: recent versions
 * write `{ gen_args_0: { arg_0: context, arg_1: continuation-or-generation-kwargs }, … }`, older ones a list of
 * `[context, continuation]` lists. Multiple choice is one loglikelihood request per option (usually the same
 * context, the options as continuations); generation is one `generate_until` request `[context, { until, … }]`.
 * Recent versions also write `target` through Python's `str()` (`"2"`, `"['a', 'b']"`).
 */
import { isObject } from './read-source.js';
import type { Expected } from '../types.js';

/** Fields of `doc` that hold the question in common tasks, tried when `arguments` carry no context. */
export const DOC_TEXT_FIELDS = ['question', 'query', 'ctx', 'context', 'prompt', 'input', 'text', 'sentence', 'goal', 'problem'] as const;

/** One request as `[context, continuation-or-generation-kwargs]` (either may be undefined). */
export type LmEvalRequest = [context: unknown, second: unknown];

/** The `[context, continuation-or-generation-kwargs]` of each request, from either layout of `arguments`. */
export function argumentList(value: unknown): LmEvalRequest[] {
  if (Array.isArray(value)) return value.map((arg) => (Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined]));
  if (!isObject(value)) return [];
  const keyed = Object.entries(value)
    .map(([key, arg]) => ({ index: Number(/^gen_args_(\d+)$/.exec(key)?.[1] ?? Number.NaN), arg }))
    .filter((e) => Number.isInteger(e.index))
    .sort((a, b) => a.index - b.index);
  return keyed.map(({ arg }) => (isObject(arg) ? [arg.arg_0, arg.arg_1] : [arg, undefined]));
}

/**
 * The shared question and the option texts of a multiple-choice sample (options trimmed, the question with
 * trailing whitespace removed). Usually every request has the same context and the options are the
 * continuations. When contexts differ (winogrande puts the option in the context), the question is the
 * contexts' common prefix up to a word boundary and each option is the rest; `sharedContext` tells which.
 * undefined unless there are `n` requests whose contexts and continuations are all strings.
 */
export function optionTexts(
  contexts: unknown[],
  continuations: unknown[],
  n: number,
): { question: string; choices: string[]; sharedContext: boolean } | undefined {
  if (contexts.length !== n || !contexts.every((c) => typeof c === 'string') || !continuations.every((c) => typeof c === 'string')) {
    return undefined;
  }
  const ctx = contexts as string[];
  const cont = continuations as string[];
  if (ctx.every((c) => c === ctx[0])) return { question: ctx[0]!.trimEnd(), choices: cont.map((c) => c.trim()), sharedContext: true };
  let prefix = ctx[0]!;
  for (const c of ctx) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const boundary = Math.max(prefix.lastIndexOf(' '), prefix.lastIndexOf('\n'));
  prefix = boundary >= 0 ? prefix.slice(0, boundary + 1) : '';
  return { question: prefix.trimEnd(), choices: ctx.map((c, k) => `${c.slice(prefix.length)}${cont[k]}`.trim()), sharedContext: false };
}

/** The loglikelihoods when every response is a `[loglikelihood, is_greedy]` pair (numbers or strings). */
export function loglikelihoodPairs(responses: unknown[]): number[] | undefined {
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

/** One entry per request: `filtered_resps`, else the first response of each request in `resps`. */
export function responseList(r: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(r.filtered_resps)) return r.filtered_resps;
  if (Array.isArray(r.resps)) return r.resps.map((resp) => (Array.isArray(resp) && resp.length === 1 ? resp[0] : resp));
  return undefined;
}

/** The question a document states in one of {@link DOC_TEXT_FIELDS} (or the document itself, when a string). */
export function docQuestion(doc: unknown): string | undefined {
  if (typeof doc === 'string') return doc;
  if (isObject(doc)) for (const field of DOC_TEXT_FIELDS) if (typeof doc[field] === 'string') return doc[field] as string;
  return undefined;
}

/** The question of a document when the arguments carry no context: a text field, else the document as JSON. */
export function docText(doc: unknown): string {
  return docQuestion(doc) ?? (isObject(doc) ? JSON.stringify(doc) : '');
}

/** `String(target)` for multiple choice (the index of the right option). */
export function targetText(target: unknown): string | undefined {
  if (target === undefined || target === null) return undefined;
  return typeof target === 'string' ? target : typeof target === 'object' ? JSON.stringify(target) : String(target);
}

/** The target of a generation task: a string, any of several strings, or a number. */
export function targetExpected(target: unknown): Expected | undefined {
  if (typeof target === 'string' || (typeof target === 'number' && Number.isFinite(target))) return target;
  if (Array.isArray(target) && target.length > 0 && target.every((t) => typeof t === 'string')) return target as string[];
  return targetText(target);
}

/**
 * The strings of a Python list literal of string literals (`['Paris', "the city's"]`), as `str(list)` writes
 * a list target in recent harness versions; undefined for anything else. Common escapes are undone.
 */
export function pythonStringList(text: string): string[] | undefined {
  const body = /^\s*\[(.*)\]\s*$/s.exec(text)?.[1];
  if (body === undefined) return undefined;
  const out: string[] = [];
  const literal = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/sy;
  let at = 0;
  while (at < body.length) {
    literal.lastIndex = at;
    const m = literal.exec(body);
    if (!m) return undefined;
    out.push(unescapePython(m[1] ?? m[2]!));
    at = literal.lastIndex;
    if (m[3] === '') break;
  }
  if (at < body.length || out.length === 0) return undefined;
  return out;
}

function unescapePython(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/**
 * The chat messages of a context the harness rendered for a chat API (`--apply_chat_template` with an API
 * model): a JSON string of `[{ role, content }]`, written bare or wrapped in a one-element list (its
 * `JsonChatStr` tuple). undefined for any other context.
 */
export function chatContext(context: unknown): Array<{ role: string; content: string }> | undefined {
  const textOf = Array.isArray(context) && context.length === 1 ? context[0] : context;
  if (typeof textOf !== 'string' || !/^\s*\[\s*\{/.test(textOf)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(textOf);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const ok = parsed.every((m) => isObject(m) && typeof m.role === 'string' && typeof m.content === 'string');
  return ok ? (parsed as Array<{ role: string; content: string }>).map((m) => ({ role: m.role, content: m.content })) : undefined;
}
