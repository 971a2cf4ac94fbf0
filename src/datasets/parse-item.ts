import { parseConstraints } from '../scorers/ifeval-constraints.js';
import { compileSchema, SchemaError } from '../scorers/json.js';
import type { ChatMessage, Expected, HumanLabel, Item } from '../types.js';
import { closest } from '../util/closest.js';

const FIELDS = ['id', 'input', 'expected', 'category', 'choices', 'bias', 'constraints', 'schema', 'human'] as const;
const ROLES = new Set(['system', 'user', 'assistant']);

/** An item before it has an id: the id may come from a content hash. */
export type ItemDraft = Omit<Item, 'id'> & { id?: string };

/** Validate one dataset record. Returns the draft or a one-line reason naming the field. */
export function parseItem(record: unknown): ItemDraft | string {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return `expected a JSON object with "input", got ${Array.isArray(record) ? 'an array' : JSON.stringify(record)}`;
  }
  const r = record as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if ((FIELDS as readonly string[]).includes(key)) continue;
    const hint = closest(key, FIELDS);
    if (hint && !(hint in r)) return `unknown field "${key}" (did you mean "${hint}"?)`;
  }

  const draft: ItemDraft = { input: '' };
  if (r.id !== undefined) {
    if ((typeof r.id !== 'string' || r.id === '') && typeof r.id !== 'number') return 'id: expected a non-empty string or a number';
    draft.id = String(r.id);
  }

  if (typeof r.input === 'string') {
    if (r.input.trim() === '') return 'input: must not be empty';
    draft.input = r.input;
  } else if (Array.isArray(r.input)) {
    const messages = parseMessages(r.input);
    if (typeof messages === 'string') return messages;
    draft.input = messages;
  } else {
    return r.input === undefined ? 'input: missing (a string or a list of chat messages)' : 'input: expected a string or a list of chat messages';
  }

  if (r.expected !== undefined && r.expected !== null) {
    const expected = parseExpected(r.expected);
    if (typeof expected === 'object' && 'error' in expected) return expected.error;
    draft.expected = expected;
  }

  if (r.choices !== undefined && r.choices !== null) {
    if (!Array.isArray(r.choices) || r.choices.length < 2 || !r.choices.every((c) => typeof c === 'string' && c !== '')) {
      return 'choices: expected a list of at least two non-empty strings';
    }
    if (r.choices.length > 26) return 'choices: at most 26 (lettered A–Z)';
    draft.choices = r.choices as string[];
    if (draft.expected !== undefined && choiceIndex(draft.expected, draft.choices) < 0) {
      return `expected: ${JSON.stringify(draft.expected)} is not a letter, index or text of one of the ${draft.choices.length} choices`;
    }
  }

  if (r.bias !== undefined && r.bias !== null) {
    const b = r.bias as { unknown?: unknown; biased?: unknown; context?: unknown };
    const n = draft.choices?.length ?? 0;
    const index = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
    if (typeof b !== 'object' || !index(b.unknown) || !(b.biased === null || index(b.biased)) || (b.context !== 'ambig' && b.context !== 'disambig')) {
      return 'bias: expected { unknown: choice index, biased: choice index or null, context: ambig | disambig } (with choices)';
    }
    draft.bias = { unknown: b.unknown as number, biased: b.biased as number | null, context: b.context };
  }

  if (r.constraints !== undefined && r.constraints !== null) {
    const constraints = parseConstraints(r.constraints);
    if (typeof constraints === 'string') return `constraints${constraints}`;
    draft.constraints = constraints;
  }

  if (r.schema !== undefined && r.schema !== null) {
    if (typeof r.schema !== 'object' || Array.isArray(r.schema)) return 'schema: expected a JSON Schema object';
    try {
      compileSchema(r.schema);
    } catch (err) {
      if (err instanceof SchemaError) return `schema${err.path.map((p) => `.${p}`).join('')}: ${err.message}`;
      throw err;
    }
    draft.schema = r.schema as Record<string, unknown>;
  }

  if (r.human !== undefined && r.human !== null) {
    const human = parseHuman(r.human);
    if (typeof human === 'string') return human;
    draft.human = human;
  }

  if (r.category !== undefined && r.category !== null) {
    if (typeof r.category !== 'string') return 'category: expected a string';
    draft.category = r.category;
  }
  return draft;
}

const VERDICTS = new Set(['pass', 'fail', 'win', 'tie', 'loss']);

function humanLabel(value: unknown): HumanLabel | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 1 && value <= 10 ? value : undefined;
  if (typeof value === 'string' && VERDICTS.has(value.toLowerCase())) return value.toLowerCase() as HumanLabel;
  return undefined;
}

/** A human verdict for judges to be measured against: one label, or one per model name. */
function parseHuman(value: unknown): Item['human'] | string {
  const expected = 'expected a rating 1–10, pass, fail, win, tie or loss (or a mapping of model name to one)';
  if (typeof value !== 'object' || Array.isArray(value)) return humanLabel(value) ?? `human: ${expected}`;
  const out: Record<string, HumanLabel> = {};
  for (const [model, label] of Object.entries(value as Record<string, unknown>)) {
    const parsed = humanLabel(label);
    if (parsed === undefined) return `human.${model}: ${expected}`;
    out[model] = parsed;
  }
  return out;
}

function parseMessages(list: unknown[]): ChatMessage[] | string {
  if (list.length === 0) return 'input: the message list is empty';
  const out: ChatMessage[] = [];
  for (let i = 0; i < list.length; i++) {
    const m = list[i] as Record<string, unknown> | null;
    if (!m || typeof m !== 'object') return `input[${i}]: expected { role, content }`;
    if (typeof m.role !== 'string' || !ROLES.has(m.role)) return `input[${i}].role: expected one of system, user, assistant`;
    if (typeof m.content !== 'string') return `input[${i}].content: expected a string`;
    out.push({ role: m.role as ChatMessage['role'], content: m.content });
  }
  if (!out.some((m) => m.role === 'user')) return 'input: the messages contain no user message';
  return out;
}

function parseExpected(value: unknown): Expected | { error: string } {
  if (typeof value === 'string' || typeof value === 'number') {
    if (typeof value === 'number' && !Number.isFinite(value)) return { error: 'expected: must be a finite number' };
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { error: 'expected: the list is empty' };
    if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return { error: 'expected: a list must hold strings' };
    return value.map(String);
  }
  return { error: 'expected: expected a string, a list of strings or a number' };
}

/**
 * The index of the expected choice: a letter ("B", "b"), a 0-based index (1), or the choice's text.
 * -1 when it names none of them.
 */
export function choiceIndex(expected: Expected, choices: readonly string[]): number {
  const first = Array.isArray(expected) ? expected[0] : expected;
  if (typeof first === 'number') return Number.isInteger(first) && first >= 0 && first < choices.length ? first : -1;
  if (first === undefined) return -1;
  const text = first.trim();
  if (/^[A-Za-z]$/.test(text)) {
    const i = text.toUpperCase().charCodeAt(0) - 65;
    return i < choices.length ? i : -1;
  }
  if (/^\d+$/.test(text) && Number(text) < choices.length && !choices.includes(text)) return Number(text);
  return choices.findIndex((c) => c.trim().toLowerCase() === text.toLowerCase());
}
